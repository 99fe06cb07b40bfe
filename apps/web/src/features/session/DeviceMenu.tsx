import { useEffect, useState } from 'react';
import type { DeviceSource, LocalMediaState } from '../../call/types';
import { canChooseSpeaker } from '../join/audio';
import { deviceLists, watchDevices, type DeviceLists } from '../join/deviceList';
import { DeviceSelect, MicMeter, SpeakerTest } from '../join/DevicePieces';
import { latestPicks } from './latestPicks';

export interface DeviceMenuProps {
  /** Opens another microphone or camera; the call sends it in place of the one in use. */
  onDevice: (source: DeviceSource, deviceId: string) => Promise<void>;
  local: Pick<LocalMediaState, 'mic' | 'camera'>;
  /** The speaker the call's sound plays through (null: the system's). */
  sinkId: string | null;
  onSinkId: (deviceId: string) => void;
}

const SOURCES: readonly DeviceSource[] = ['camera', 'mic'];

const inUse = (track: MediaStreamTrack | null): string | undefined => track?.getSettings().deviceId;

/**
 * The devices of a call under way: a headset plugged in mid-session, or a camera that
 * is not the one the browser picked, without leaving the call. Downloaded when the person
 * first opens it, never on the way in.
 */
export default function DeviceMenu({ onDevice, local, sinkId, onSinkId }: DeviceMenuProps) {
  const [lists, setLists] = useState<DeviceLists>({ mic: [], camera: [], speaker: [] });
  // What the person picked: shown while it opens, and for a camera switched off.
  const [picked, setPicked] = useState<Partial<Record<DeviceSource, string>>>({});
  const [opening, setOpening] = useState(false);
  useEffect(() => watchDevices((infos) => setLists(deviceLists(infos))), []);
  const shown = (source: DeviceSource) =>
    (opening ? picked[source] : undefined) ?? inUse(local[source]) ?? picked[source] ?? null;
  const [choose] = useState(() => latestPicks(onDevice, setOpening));
  return (
    <div className="device-menu" data-testid="device-menu" aria-busy={opening}>
      {SOURCES.map((source) => (
        <DeviceSelect
          key={source}
          kind={source}
          options={lists[source]}
          value={shown(source)}
          onChange={(deviceId) => {
            setPicked((p) => ({ ...p, [source]: deviceId }));
            choose(source, deviceId);
          }}
        />
      ))}
      <MicMeter track={local.mic} />
      {canChooseSpeaker() && (
        <DeviceSelect kind="speaker" options={lists.speaker} value={sinkId} onChange={onSinkId} />
      )}
      <SpeakerTest sinkId={sinkId} />
    </div>
  );
}

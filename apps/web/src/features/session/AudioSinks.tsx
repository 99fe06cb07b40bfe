import { useCallback, useEffect, useRef, useState } from 'react';
import type { RemoteTrack } from '../../call/types';
import { useT } from '../../i18n';
import { sessionMessages } from './messages';

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

interface RemoteAudioProps {
  track: MediaStreamTrack;
  participantId: string;
  sinkId: string | null;
  register: (element: HTMLAudioElement, on: boolean) => void;
  onBlocked: () => void;
}

function RemoteAudio({ track, participantId, sinkId, register, onBlocked }: RemoteAudioProps) {
  const audio = useRef<SinkAudio>(null);
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    register(element, true);
    element.srcObject = new MediaStream([track]);
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked();
    });
    return () => {
      register(element, false);
      element.srcObject = null;
    };
  }, [track, register, onBlocked]);
  useEffect(() => {
    // The speaker chosen in the device check, where the browser lets a page choose.
    if (sinkId) audio.current?.setSinkId?.(sinkId).catch(() => undefined);
  }, [sinkId]);
  return <audio ref={audio} autoPlay data-participant-id={participantId} data-source="mic" />;
}

/**
 * Plays every received audio track through its own <audio> element. Browsers may refuse
 * to start sound before the person clicked anything; then a button asks for that click.
 */
export function AudioSinks({
  tracks,
  sinkId = null,
}: {
  tracks: readonly RemoteTrack[];
  sinkId?: string | null;
}) {
  const t = useT(sessionMessages);
  const elements = useRef(new Set<HTMLAudioElement>());
  const [blocked, setBlocked] = useState(false);

  const register = useCallback((element: HTMLAudioElement, on: boolean) => {
    if (on) elements.current.add(element);
    else elements.current.delete(element);
  }, []);
  const onBlocked = useCallback(() => setBlocked(true), []);

  const enableSound = () => {
    setBlocked(false);
    const plays = [...elements.current].map((element) => element.play());
    Promise.all(plays).catch(() => setBlocked(true));
  };

  const audio = tracks.filter((track) => track.kind === 'audio');
  return (
    <>
      {audio.map((track) => (
        <RemoteAudio
          key={track.consumerId}
          track={track.track}
          participantId={track.participantId}
          sinkId={sinkId}
          register={register}
          onBlocked={onBlocked}
        />
      ))}
      {blocked && (
        <div className="sound-prompt" role="alert">
          <p>{t('soundPaused')}</p>
          <button
            type="button"
            className="primary"
            onClick={enableSound}
            data-testid="enable-sound"
          >
            {t('enableSound')}
          </button>
        </div>
      )}
    </>
  );
}

import type { CheckIn } from '@haven/protocol';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeviceChoice } from '../../call/constraints';
import type { CallError } from '../../call/errors';
import type { DeviceSource } from '../../call/types';
import { invitationSpent } from '../join/spent';
import { CallScreen } from './CallScreen';
import { useCallClient, type CallSetup } from './useCall';

export interface PatientCallProps {
  token: string;
  sessionId: string;
  mode: 'video' | 'audio' | 'listen';
  devices: DeviceChoice & { speaker?: string };
  /** Tracks the device check opened; the call takes them over. */
  tracks: Partial<Record<DeviceSource, MediaStreamTrack>>;
  /** The answers to send; null to let the server use the latest ones it has. */
  checkIn: CheckIn | null;
  details: ReactNode;
  /** When the session was to start (epoch ms), from the invitation. */
  startsAt: number;
  onJoined: () => void;
  /**
   * The invitation can no longer get back in (the session ended, the patient was removed
   * or not admitted, the link was refused): whatever the tab keeps of it must go.
   */
  onSpent: () => void;
  /** The server refused the join; CHECK_IN_REQUIRED means the form must be shown. */
  onJoinFailed: (error: CallError) => void;
  /** Another attempt, after leaving or after a failure. */
  onRejoin: () => void;
}

/**
 * The patient's call, once the device check and the check-in are done: loaded on demand,
 * so the first page a patient sees stays light. One mount is one attempt to join.
 */
export default function PatientCall(props: PatientCallProps) {
  const { onJoined, onJoinFailed, onSpent } = props;
  const [setup] = useState<CallSetup>(() => ({
    options: {
      token: props.token,
      listenOnly: props.mode === 'listen',
      camera: props.mode === 'video',
      devices: {
        ...(props.devices.mic ? { mic: props.devices.mic } : {}),
        ...(props.devices.camera ? { camera: props.devices.camera } : {}),
      },
      tracks: props.tracks,
    },
    join: { sessionId: props.sessionId, ...(props.checkIn ? { checkIn: props.checkIn } : {}) },
  }));
  const client = useCallClient(
    setup,
    useCallback((error: CallError) => onJoinFailed(error), [onJoinFailed]),
  );
  const joined = useRef(onJoined);
  joined.current = onJoined;
  const spent = useRef(onSpent);
  spent.current = onSpent;
  useEffect(() => {
    if (!client) return;
    let done = false;
    let over = false;
    const check = () => {
      const state = client.getSnapshot();
      const self = state.self.state;
      if (!done && (self === 'waiting' || self === 'admitted')) {
        done = true;
        joined.current();
      }
      // After `joined`, so that nothing it records outlives the invitation.
      if (!over && invitationSpent(state)) {
        over = true;
        spent.current();
      }
    };
    const unsubscribe = client.subscribe(check);
    check();
    return unsubscribe;
  }, [client]);
  if (!client) return null;
  return (
    <CallScreen
      client={client}
      confirmLeave
      sinkId={props.devices.speaker ?? null}
      details={props.details}
      startsAt={props.startsAt}
      onRejoin={props.onRejoin}
      onRetry={props.onRejoin}
    />
  );
}

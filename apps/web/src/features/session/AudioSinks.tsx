import { useCallback, useEffect, useRef, useState } from 'react';
import type { RemoteTrack } from '../../call/types';

interface RemoteAudioProps {
  track: MediaStreamTrack;
  participantId: string;
  register: (element: HTMLAudioElement, on: boolean) => void;
  onBlocked: () => void;
}

function RemoteAudio({ track, participantId, register, onBlocked }: RemoteAudioProps) {
  const audio = useRef<HTMLAudioElement>(null);
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
  return <audio ref={audio} autoPlay data-participant-id={participantId} data-source="mic" />;
}

/**
 * Plays every received audio track through its own <audio> element. Browsers may refuse
 * to start sound before the person clicked anything; then a button asks for that click.
 */
export function AudioSinks({ tracks }: { tracks: readonly RemoteTrack[] }) {
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

  const audio = tracks.filter((t) => t.kind === 'audio');
  return (
    <>
      {audio.map((t) => (
        <RemoteAudio
          key={t.consumerId}
          track={t.track}
          participantId={t.participantId}
          register={register}
          onBlocked={onBlocked}
        />
      ))}
      {blocked && (
        <div className="sound-prompt" role="alert">
          <p>Your browser paused the sound of this session.</p>
          <button
            type="button"
            className="primary"
            onClick={enableSound}
            data-testid="enable-sound"
          >
            Click to enable sound
          </button>
        </div>
      )}
    </>
  );
}

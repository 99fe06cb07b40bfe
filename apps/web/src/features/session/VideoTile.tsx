import { useEffect, useRef } from 'react';
import type { MediaSource } from '@haven/protocol';
import { HandIcon, MicIcon } from '../../ui/icons';
import { layerForWidth } from './layers';

export interface VideoTileProps {
  participantId: string;
  name: string;
  /** Overrides the caption built from the name. */
  label?: string;
  source: MediaSource;
  track: MediaStreamTrack | null;
  /** Show the video (false when the camera is off or paused: the name is shown instead). */
  showVideo: boolean;
  self?: boolean;
  micOff?: boolean;
  handRaised?: boolean;
  reconnecting?: boolean;
  badge?: string;
  spotlight?: boolean;
  /** Called with the simulcast layer this tile's size calls for. */
  onLayer?: (layer: number) => void;
}

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');

/** One person's video (or their initials), name and state. Sound plays elsewhere, never here. */
export function VideoTile(props: VideoTileProps) {
  const { participantId, name, source, track, showVideo, self = false, onLayer } = props;
  const video = useRef<HTMLVideoElement>(null);
  const tile = useRef<HTMLElement>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) element.play().catch(() => undefined);
  }, [track]);

  useEffect(() => {
    const element = tile.current;
    if (!onLayer || !element || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const layer = layerForWidth(entry.contentRect.width, window.devicePixelRatio || 1);
      if (layer !== last) onLayer((last = layer));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onLayer]);

  const label =
    props.label ?? (source === 'screen' ? `${name}’s screen` : self ? `${name} (you)` : name);
  const classes = ['tile', props.spotlight && 'tile--spotlight', props.reconnecting && 'tile--away']
    .filter(Boolean)
    .join(' ');
  return (
    <figure
      ref={tile}
      className={classes}
      data-testid={self ? 'self-tile' : 'tile'}
      data-participant-id={participantId}
    >
      <video
        ref={video}
        className={
          self && source === 'camera' ? 'tile__video tile__video--mirrored' : 'tile__video'
        }
        data-participant-id={participantId}
        data-source={source}
        autoPlay
        playsInline
        muted
        hidden={!showVideo}
        aria-hidden="true"
      />
      {!showVideo && (
        <div className="tile__avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <figcaption className="tile__caption">
        <span className="tile__name">{label}</span>
        {props.badge && <span className="badge">{props.badge}</span>}
        {props.handRaised && (
          <span className="badge badge--hand" title="Hand raised">
            <HandIcon />
            <span className="visually-hidden">Hand raised</span>
          </span>
        )}
        {props.micOff && (
          <span className="badge badge--muted" title="Muted">
            <MicIcon off />
            <span className="visually-hidden">Muted</span>
          </span>
        )}
        {props.reconnecting && <span className="badge">Reconnecting…</span>}
      </figcaption>
    </figure>
  );
}

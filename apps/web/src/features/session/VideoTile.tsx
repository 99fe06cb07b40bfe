import { useEffect, useRef } from 'react';
import type { MediaSource } from '@haven/protocol';
import { useT } from '../../i18n';
import { HandIcon, MicIcon } from '../../ui/icons';
import { layerForWidth } from './layers';
import { sessionMessages } from './messages';
import type { LinkQuality } from './quality';

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
  /** The tile fills the stage (speaker view). */
  featured?: boolean;
  /** This person is the one speaking now: the tile gets a ring. */
  speaking?: boolean;
  quality?: LinkQuality;
  /** Called with the simulcast layer this tile's size calls for. */
  onLayer?: (layer: number) => void;
  /** Called when the tile comes into view or leaves it (scrolled away, hidden). */
  onInView?: (inView: boolean) => void;
}

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');

const QUALITY_TEXT = { good: 'qualityGood', fair: 'qualityFair', poor: 'qualityPoor' } as const;

/** Three bars, filled by quality; the words are there for screen readers and on hover. */
export function QualityBadge({ quality }: { quality: LinkQuality | undefined }) {
  const t = useT(sessionMessages);
  if (!quality || quality === 'unknown') return null;
  const text = t(QUALITY_TEXT[quality]);
  const filled = quality === 'good' ? 3 : quality === 'fair' ? 2 : 1;
  return (
    <span
      className={`quality quality--${quality}`}
      title={text}
      data-testid="quality"
      data-quality={quality}
    >
      <svg viewBox="0 0 12 12" width="14" height="14" aria-hidden="true" focusable="false">
        {[0, 1, 2].map((i) => (
          <rect
            key={i}
            x={1 + i * 4}
            y={8 - i * 3}
            width="2.5"
            height={3 + i * 3}
            rx="0.5"
            className={i < filled ? 'quality__on' : 'quality__off'}
          />
        ))}
      </svg>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

/** One person's video (or their initials), name and state. Sound plays elsewhere, never here. */
export function VideoTile(props: VideoTileProps) {
  const t = useT(sessionMessages);
  const { participantId, name, source, track, showVideo, self = false, onLayer, onInView } = props;
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

  useEffect(() => {
    const element = tile.current;
    if (!onInView || !element || typeof IntersectionObserver === 'undefined') return;
    let last: boolean | null = null;
    // Clipping by scrolling parents counts: a tile scrolled out of the strip is out of view.
    const observer = new IntersectionObserver((entries) => {
      const entry = entries.at(-1);
      if (entry && entry.isIntersecting !== last) onInView((last = entry.isIntersecting));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onInView]);

  const label =
    props.label ??
    (source === 'screen' ? t('screenOf', { name }) : self ? t('youName', { name }) : name);
  const classes = [
    'tile',
    source === 'screen' && 'tile--screen',
    props.spotlight && 'tile--spotlight',
    props.featured && 'tile--featured',
    props.reconnecting && 'tile--away',
    props.speaking && 'tile--speaking',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <figure
      ref={tile}
      className={classes}
      data-testid={self ? 'self-tile' : 'tile'}
      data-participant-id={participantId}
      data-source={source}
      data-speaking={props.speaking ? 'true' : undefined}
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
          <span className="badge badge--hand" title={t('handRaised')}>
            <HandIcon />
            <span className="visually-hidden">{t('handRaised')}</span>
          </span>
        )}
        {props.micOff && (
          <span className="badge badge--muted" title={t('muted')}>
            <MicIcon off />
            <span className="visually-hidden">{t('muted')}</span>
          </span>
        )}
        {props.reconnecting && <span className="badge">{t('reconnectingBadge')}</span>}
        <QualityBadge quality={props.quality} />
      </figcaption>
    </figure>
  );
}

import { useCallback } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { CallState, ParticipantView, RemoteTrack } from '../../call/types';
import { useT } from '../../i18n';
import { sessionMessages } from './messages';
import { pickFeatured } from './speaker';
import type { LinkQualities } from './useLinkQuality';
import { quietly } from './useCall';
import { VideoTile } from './VideoTile';

export type Layout = 'grid' | 'speaker';

/** Whether the sender's microphone is off, from the received track or the server's record. */
function micOff(p: ParticipantView): boolean {
  const mic = p.tracks.mic;
  if (mic) return mic.paused;
  const announced = p.producers.find((x) => x.source === 'mic');
  return !announced || announced.paused;
}

interface RemoteTileProps {
  client: CallClient;
  participant: ParticipantView;
  source: 'camera' | 'screen';
  badge: string | undefined;
  spotlight: boolean;
  featured?: boolean;
  speaking: boolean;
  /** Audio only: cameras are not received, so show initials instead. */
  hideCamera: boolean;
  qualities: LinkQualities;
}

function RemoteTile(props: RemoteTileProps) {
  const { client, participant, source, hideCamera } = props;
  const track: RemoteTrack | undefined = participant.tracks[source];
  const consumerId = track?.consumerId;
  const onLayer = useCallback(
    (layer: number) => {
      if (consumerId) quietly(client.setPreferredLayer(consumerId, layer));
    },
    [client, consumerId],
  );
  const onInView = useCallback(
    (inView: boolean) => {
      if (consumerId) quietly(client.setVideoInView(consumerId, inView));
    },
    [client, consumerId],
  );
  const camera = source === 'camera';
  return (
    <VideoTile
      participantId={participant.id}
      name={participant.displayName}
      source={source}
      track={track?.track ?? null}
      showVideo={!!track && !track.paused && !(camera && hideCamera)}
      micOff={camera && micOff(participant)}
      handRaised={camera && participant.handRaisedAt !== null}
      reconnecting={!participant.connected}
      badge={camera ? props.badge : undefined}
      spotlight={props.spotlight}
      featured={props.featured}
      speaking={camera && props.speaking}
      quality={camera ? props.qualities.peers.get(participant.id) : undefined}
      onLayer={track && camera ? onLayer : undefined}
      onInView={track ? onInView : undefined}
    />
  );
}

interface VideoGridProps {
  client: CallClient;
  state: CallState;
  layout: Layout;
  qualities: LinkQualities;
}

/**
 * Everyone in this person's space. Grid: self first, then the others, screens on a row
 * of their own. Speaker: one large tile (a shared screen, the spotlight or the lead) over
 * a strip of everyone else.
 */
export function VideoGrid({ client, state, layout, qualities }: VideoGridProps) {
  const t = useT(sessionMessages);
  const { local, room } = state;
  const leadId = room?.leadId ?? null;
  const spotlightId = room?.spotlightId ?? null;
  const speakerId = room?.activeSpeakerId ?? null;
  const me = state.roster.find((p) => p.id === state.selfId);
  const hideCamera = local.audioOnly;
  const badge = (p: ParticipantView) =>
    p.id === leadId ? t('lead') : p.role === 'patient' ? undefined : t('clinician');
  const featured = layout === 'speaker' ? pickFeatured(state.participants, room) : null;

  const self = (
    <VideoTile
      participantId={state.selfId ?? 'self'}
      name={me?.displayName ?? t('you')}
      source="camera"
      track={local.camera}
      showVideo={local.cameraEnabled && local.camera !== null && !local.cameraMuted}
      self
      badge={local.cameraMuted ? t('cameraPaused') : undefined}
      micOff={!local.micEnabled}
      handRaised={state.handRaised}
      spotlight={layout === 'grid' && spotlightId !== null && spotlightId === state.selfId}
      speaking={speakerId !== null && speakerId === state.selfId}
      quality={qualities.uplink}
    />
  );
  const cameras = state.participants
    .filter((p) => !(featured?.source === 'camera' && featured.participant.id === p.id))
    .map((p) => (
      <RemoteTile
        key={p.id}
        client={client}
        participant={p}
        source="camera"
        badge={badge(p)}
        spotlight={layout === 'grid' && p.id === spotlightId}
        speaking={p.id === speakerId}
        hideCamera={hideCamera}
        qualities={qualities}
      />
    ));
  const screens = state.participants
    .filter(
      (p) =>
        p.tracks.screen && !(featured?.source === 'screen' && featured.participant.id === p.id),
    )
    .map((p) => (
      <RemoteTile
        key={`${p.id}:screen`}
        client={client}
        participant={p}
        source="screen"
        badge={undefined}
        spotlight={layout === 'grid'}
        speaking={false}
        hideCamera={hideCamera}
        qualities={qualities}
      />
    ));
  const departures = state.departures.map((d) => (
    <div key={d.participantId} className="tile tile--departed" data-testid="departure">
      <p>{t('left', { name: d.displayName })}</p>
    </div>
  ));

  return (
    <section
      className={`stage stage--${layout}`}
      data-testid="video-grid"
      data-layout={layout}
      data-count={state.participants.length + 1}
      aria-label={t('participants')}
    >
      {featured && (
        <div className="stage__featured">
          <RemoteTile
            client={client}
            participant={featured.participant}
            source={featured.source}
            badge={badge(featured.participant)}
            spotlight={false}
            featured
            speaking={featured.participant.id === speakerId}
            hideCamera={hideCamera}
            qualities={qualities}
          />
        </div>
      )}
      <div className={layout === 'speaker' ? 'strip' : 'grid'}>
        {layout === 'grid' && screens}
        {self}
        {cameras}
        {layout === 'speaker' && screens}
        {departures}
      </div>
      {state.participants.length === 0 && <p className="hint stage__alone">{t('alone')}</p>}
    </section>
  );
}

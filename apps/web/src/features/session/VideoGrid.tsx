import { useCallback } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { CallState, ParticipantView, RemoteTrack } from '../../call/types';
import { VideoTile } from './VideoTile';
import { quietly } from './useCall';

function roleBadge(p: ParticipantView, leadId: string | null): string | undefined {
  if (p.id === leadId) return 'Lead';
  return p.role === 'patient' ? undefined : 'Clinician';
}

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
  track: RemoteTrack | undefined;
  source: 'camera' | 'screen';
  badge: string | undefined;
  spotlight: boolean;
}

function RemoteTile({ client, participant, track, source, badge, spotlight }: RemoteTileProps) {
  const consumerId = track?.consumerId;
  const onLayer = useCallback(
    (layer: number) => {
      if (consumerId) quietly(client.setPreferredLayer(consumerId, layer));
    },
    [client, consumerId],
  );
  return (
    <VideoTile
      participantId={participant.id}
      name={participant.displayName}
      source={source}
      track={track?.track ?? null}
      showVideo={!!track && !track.paused}
      micOff={source === 'camera' && micOff(participant)}
      handRaised={source === 'camera' && participant.handRaisedAt !== null}
      reconnecting={!participant.connected}
      badge={source === 'camera' ? badge : undefined}
      spotlight={spotlight}
      onLayer={track ? onLayer : undefined}
    />
  );
}

/** Self first, then everyone else (screens get their own tile), then who just left. */
export function VideoGrid({ client, state }: { client: CallClient; state: CallState }) {
  const { local, room } = state;
  const leadId = room?.leadId ?? null;
  const spotlightId = room?.spotlightId ?? null;
  const me = state.roster.find((p) => p.id === state.selfId);
  const count = state.participants.length + 1;
  return (
    <section className="grid" data-testid="video-grid" data-count={count} aria-label="Participants">
      <VideoTile
        participantId={state.selfId ?? 'self'}
        name={me?.displayName ?? 'You'}
        source="camera"
        track={local.camera}
        showVideo={local.cameraEnabled && local.camera !== null}
        self
        micOff={!local.micEnabled}
        handRaised={state.handRaised}
        spotlight={spotlightId !== null && spotlightId === state.selfId}
      />
      {state.participants.map((p) => (
        <RemoteTile
          key={p.id}
          client={client}
          participant={p}
          track={p.tracks.camera}
          source="camera"
          badge={roleBadge(p, leadId)}
          spotlight={p.id === spotlightId}
        />
      ))}
      {state.participants
        .filter((p) => p.tracks.screen)
        .map((p) => (
          <RemoteTile
            key={`${p.id}:screen`}
            client={client}
            participant={p}
            track={p.tracks.screen}
            source="screen"
            badge={undefined}
            spotlight
          />
        ))}
      {state.departures.map((d) => (
        <div key={d.participantId} className="tile tile--departed" data-testid="departure">
          <p>{d.displayName} left</p>
        </div>
      ))}
    </section>
  );
}

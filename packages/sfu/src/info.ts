import type { ConsumerOptions, MediaSource, ProducerInfo } from '@haven/protocol';
import type { types } from 'mediasoup';
import type { ConsumerInfo, ConsumerLayers, ProducerEntry } from './shared.js';
import { rtpParametersToWire } from './wire.js';

export interface ConsumerEntry {
  readonly consumer: types.Consumer;
  readonly producerPeerId: string;
  readonly source: MediaSource;
}

export function producerInfo({ producer, peerId, source }: ProducerEntry): ProducerInfo {
  return {
    producerId: producer.id,
    participantId: peerId,
    kind: producer.kind,
    source,
    paused: producer.paused,
  };
}

/** `requested`: the layers the viewer asked for, where mediasoup may not have them yet. */
export function consumerInfo(
  { consumer, producerPeerId, source }: ConsumerEntry,
  requested?: ConsumerLayers,
): ConsumerInfo {
  const info: ConsumerInfo = {
    consumerId: consumer.id,
    producerId: consumer.producerId,
    participantId: producerPeerId,
    kind: consumer.kind,
    source,
    paused: consumer.paused,
    producerPaused: consumer.producerPaused,
  };
  const preferred = requested ?? consumer.preferredLayers;
  if (preferred) info.preferredLayers = { ...preferred };
  if (consumer.currentLayers) info.currentLayers = { ...consumer.currentLayers };
  return info;
}

/** What the client needs to build its side of the consumer. */
export function consumerOptions({
  consumer,
  producerPeerId,
  source,
}: ConsumerEntry): ConsumerOptions {
  return {
    consumerId: consumer.id,
    producerId: consumer.producerId,
    participantId: producerPeerId,
    kind: consumer.kind,
    source,
    rtpParameters: rtpParametersToWire(consumer.rtpParameters),
    paused: consumer.paused,
    producerPaused: consumer.producerPaused,
  };
}

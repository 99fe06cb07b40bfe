/** The per-object events a peer emits, in one place so producers and consumers share them. */
export interface PeerObjectEvents {
  /** One of the peer's consumers closed, whatever the cause (producer gone, request, transport). */
  consumerClosed: { consumerId: string; producerId: string };
  /** The producer behind one of the peer's consumers was paused by its owner. */
  consumerPaused: { consumerId: string };
  consumerResumed: { consumerId: string };
  /** One of the peer's producers closed, whatever the cause (request, transport replaced). */
  producerClosed: { producerId: string };
}

/** Emits a per-object event on the peer (or drops it while the peer is being torn down). */
export type Notify = <K extends keyof PeerObjectEvents>(
  event: K,
  payload: PeerObjectEvents[K],
) => void;

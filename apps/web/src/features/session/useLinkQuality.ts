import { useEffect, useState } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { ReceiveStats } from '../../call/stats';
import { receiveQuality, uplinkQuality, type LinkQuality } from './quality';

export interface LinkQualities {
  /** What this browser receives from each participant, by participant id. */
  peers: ReadonlyMap<string, LinkQuality>;
  /** This browser's own uplink. */
  uplink: LinkQuality;
}

const NONE: LinkQualities = { peers: new Map(), uplink: 'unknown' };

const same = (a: LinkQualities, b: LinkQualities): boolean =>
  a.uplink === b.uplink &&
  a.peers.size === b.peers.size &&
  [...a.peers].every(([id, q]) => b.peers.get(id) === q);

/** Reads the call's statistics every few seconds while `active`, and grades every link. */
export function useLinkQuality(
  client: CallClient,
  active: boolean,
  everyMs = 3_000,
): LinkQualities {
  const [qualities, setQualities] = useState<LinkQualities>(NONE);
  useEffect(() => {
    if (!active) {
      setQualities(NONE);
      return;
    }
    let previous: ReceiveStats[] = [];
    let live = true;
    const read = async () => {
      const [received, sent] = await Promise.all([client.receiveStats(), client.sendStats()]);
      if (!live) return;
      const next = { peers: receiveQuality(previous, received), uplink: uplinkQuality(sent) };
      previous = received;
      setQualities((current) => (same(current, next) ? current : next));
    };
    const timer = window.setInterval(() => void read().catch(() => undefined), everyMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client, active, everyMs]);
  return qualities;
}

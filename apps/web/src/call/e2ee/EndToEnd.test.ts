import { describe, expect, it } from 'vitest';
import type { PublicParticipant } from '@haven/protocol';
import { fakeParticipant } from '../testing';
import { EndToEnd } from './EndToEnd';
import { makeIdentity, pairKey, unwrapSenderKey, type Identity } from './keys';
import type { ToWorker } from './protocol';

/** Waits for the queued key work (wrapping, requests) to settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A page's EndToEnd with the requests it makes and the messages its worker gets. */
function page() {
  const sent: { name: string; payload: unknown }[] = [];
  const posted: ToWorker[] = [];
  const worker = {
    postMessage: (m: ToWorker) => void posted.push(m),
    terminate: () => undefined,
    onmessage: null as ((event: { data: unknown }) => void) | null,
  };
  const request = (async (name: string, payload: unknown) => {
    sent.push({ name, payload });
    return name === 'e2ee:keys' ? { delivered: 1 } : {};
  }) as never;
  const e2ee = new EndToEnd({ request, worker: worker as unknown as Worker });
  /** The worker says frames of `participantId` open with no key it has. */
  const undecryptable = (participantId: string) =>
    worker.onmessage?.({ data: { type: 'undecryptable', participantId } });
  return { e2ee, sent, posted, undecryptable };
}

/** The sender key ids `to` was handed, opened as `to` would open them. */
async function keysFor(
  sent: { name: string; payload: unknown }[],
  from: string,
  to: string,
  toIdentity: Identity,
  fromPublicKey: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (const { name, payload } of sent) {
    if (name !== 'e2ee:keys') continue;
    for (const k of (payload as { keys: { participantId: string; key: string }[] }).keys) {
      if (k.participantId !== to) continue;
      const opened = await unwrapSenderKey(
        await pairKey(toIdentity, fromPublicKey),
        k.key,
        from,
        to,
      );
      if (opened) ids.push(opened.id);
    }
  }
  return ids;
}

describe('EndToEnd key hand-out', () => {
  it('says its key once, gives its sender key to those who see it, and a new one after the waiting room', async () => {
    const { e2ee, sent } = page();
    const other = await makeIdentity();
    const me = (e2eeKey: string | null): PublicParticipant => fakeParticipant('me', { e2eeKey });
    const them = fakeParticipant('them', { e2eeKey: other.publicKey });
    e2ee.update('me', [me(null), them]);
    await settle();
    const announced = sent.filter((s) => s.name === 'e2ee:publicKey');
    expect(announced).toHaveLength(1);
    const myKey = (announced[0]?.payload as { publicKey: string }).publicKey;
    // The room now has this page's key: nothing is said again.
    e2ee.update('me', [me(myKey), them]);
    await settle();
    expect(sent.filter((s) => s.name === 'e2ee:publicKey')).toHaveLength(1);
    const first = await keysFor(sent, 'me', 'them', other, myKey);
    expect(first).toHaveLength(1);

    // Sent to the waiting room (out of the roster), then admitted again with the same key:
    // the others forgot this page's keys, so it hands them a new one.
    e2ee.update('me', []);
    await settle();
    e2ee.update('me', [me(myKey), them]);
    await settle();
    const all = await keysFor(sent, 'me', 'them', other, myKey);
    expect(all).toHaveLength(2);
    expect(all[1]).not.toBe(all[0]);
    e2ee.close();
  });

  it('skips someone whose public key is no key, and still gives everyone else theirs', async () => {
    const { e2ee, sent } = page();
    const good = await makeIdentity();
    e2ee.update('me', [
      fakeParticipant('me', { e2eeKey: null }),
      fakeParticipant('broken', { e2eeKey: `B${'A'.repeat(86)}` }),
      fakeParticipant('good', { e2eeKey: good.publicKey }),
    ]);
    await settle();
    const myKey = (sent.find((s) => s.name === 'e2ee:publicKey')?.payload as { publicKey: string })
      .publicKey;
    expect(await keysFor(sent, 'me', 'good', good, myKey)).toHaveLength(1);
    const named = sent
      .filter((s) => s.name === 'e2ee:keys')
      .flatMap((s) => (s.payload as { keys: { participantId: string }[] }).keys)
      .map((k) => k.participantId);
    expect(named).toEqual(['good']);
    e2ee.close();
  });

  it('asks a sender whose frames it cannot open for its key, and gives its own again when asked', async () => {
    const { e2ee, sent, undecryptable } = page();
    const other = await makeIdentity();
    const them = fakeParticipant('them', { e2eeKey: other.publicKey });
    e2ee.update('me', [fakeParticipant('me', { e2eeKey: null }), them]);
    await settle();
    const myKey = (sent.find((s) => s.name === 'e2ee:publicKey')?.payload as { publicKey: string })
      .publicKey;
    // Reported over and over, it asks once in a while, not at every frame.
    undecryptable('them');
    undecryptable('them');
    expect(sent.filter((s) => s.name === 'e2ee:ask')).toEqual([
      { name: 'e2ee:ask', payload: { participantId: 'them' } },
    ]);
    // Asked in turn, it hands the key in use over again (no new key: nobody lost sight).
    e2ee.asked('them');
    await settle();
    const given = await keysFor(sent, 'me', 'them', other, myKey);
    expect(given).toHaveLength(2);
    expect(given[1]).toBe(given[0]);
    e2ee.close();
  });
});

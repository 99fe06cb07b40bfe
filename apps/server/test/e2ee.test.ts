import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E2eeKeyEvent, PublicParticipant, RoomSnapshot } from '@haven/protocol';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import {
  admittedGroup,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';

/** A P-256 public key as browsers send it: the raw uncompressed point, base64url. */
function publicKey(): string {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    format: 'jwk',
  });
  const coordinate = (c: string | undefined) => Buffer.from(c ?? '', 'base64url');
  return Buffer.concat([Buffer.of(4), coordinate(jwk.x), coordinate(jwk.y)]).toString('base64url');
}
const PUBLIC_KEY = publicKey();
/** A wrapped sender key: opaque to the server. */
const wrapped = (n: number) => `w${n}${'x'.repeat(60)}`;

/**
 * The server's part in end-to-end encryption: asked for by a group's setting, it relays
 * public keys and wrapped sender keys between people who see each other, and to nobody
 * else; it refuses the requests where nobody asked for it.
 */
describe.each(BACKENDS)('end-to-end key relay (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server, { patients: 4 });
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  const asAdmin = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
      ...(payload && { payload }),
    });

  it('passes keys only between people who see each other, as the group asked', async () => {
    const set = await asAdmin('PATCH', `/api/groups/${clinic.group1}`, { e2ee: true });
    expect(set.statusCode).toBe(200);
    expect(set.json().data.e2ee).toBe(true);

    const { lead, p1, p2, clients } = await admittedGroup(server, clinic);
    const waiting = await waitingPatient(server, clinic, 2);
    open.push(...clients, waiting.client);
    const snapshot = await p1.client.waitFor<RoomSnapshot>('room:snapshot');
    expect(snapshot.e2ee).toBe(true);

    // Waiting: no key may be said or given.
    expect(await waiting.client.code('e2ee:publicKey', { publicKey: PUBLIC_KEY })).toBe(
      'NOT_ADMITTED',
    );

    // A public key reaches the others with the person's record; the server forgets it
    // when the person joins again (a new page has a new key).
    await p1.client.ok('e2ee:publicKey', { publicKey: PUBLIC_KEY });
    // Something of the right shape that is no P-256 point would trip everyone's hand-outs.
    expect(await p2.client.code('e2ee:publicKey', { publicKey: `B${'k'.repeat(86)}` })).toBe(
      'BAD_REQUEST',
    );
    // One key per page per join: another would have everyone change keys again.
    expect(await p1.client.code('e2ee:publicKey', { publicKey: publicKey() })).toBe('CONFLICT');
    await p1.client.ok('e2ee:publicKey', { publicKey: PUBLIC_KEY });
    await lead.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId && p.e2eeKey === PUBLIC_KEY,
    );

    // Keys go to those named who see the sender; the sender's id is the server's to say.
    const given = await lead.client.ok('e2ee:keys', {
      keys: [
        { participantId: p1.participantId, key: wrapped(1) },
        { participantId: p2.participantId, key: wrapped(2) },
        { participantId: p2.participantId, key: wrapped(2) },
        { participantId: waiting.participantId, key: wrapped(3) },
        { participantId: lead.participantId, key: wrapped(4) },
        { participantId: 'nobody-here', key: wrapped(5) },
      ],
    });
    expect(given.delivered).toBe(2);
    const atP1 = await p1.client.waitFor<E2eeKeyEvent>('e2ee:key');
    expect(atP1).toEqual({ fromId: lead.participantId, key: wrapped(1) });
    expect(await p2.client.waitFor<E2eeKeyEvent>('e2ee:key')).toEqual({
      fromId: lead.participantId,
      key: wrapped(2),
    });

    // A step-out is its own space: the group's keys do not reach it, nor its keys the group.
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    p1.client.clear();
    expect(
      (
        await p2.client.ok('e2ee:keys', {
          keys: [
            { participantId: p1.participantId, key: wrapped(6) },
            { participantId: lead.participantId, key: wrapped(7) },
          ],
        })
      ).delivered,
    ).toBe(0);
    expect(
      (
        await lead.client.ok('e2ee:keys', {
          keys: [{ participantId: p1.participantId, key: wrapped(8) }],
        })
      ).delivered,
    ).toBe(1);
    await p1.client.waitFor<E2eeKeyEvent>('e2ee:key', (e) => e.key === wrapped(8));
    expect(p1.client.events('e2ee:key')).toEqual([{ fromId: lead.participantId, key: wrapped(8) }]);
    // Named twice, p2 got the group's key once.
    expect(p2.client.events('e2ee:key')).toHaveLength(1);

    // Asking for a key goes the same way: to someone the asker sees, named by the server.
    expect(await lead.client.ok('e2ee:ask', { participantId: p1.participantId })).toEqual({
      asked: true,
    });
    expect(await p1.client.waitFor('e2ee:asked')).toEqual({ fromId: lead.participantId });
    expect(await p2.client.ok('e2ee:ask', { participantId: p1.participantId })).toEqual({
      asked: false,
    });
    expect(await p2.client.ok('e2ee:ask', { participantId: waiting.participantId })).toEqual({
      asked: false,
    });

    // The patient still waiting never heard of any of it.
    expect(waiting.client.events('e2ee:key')).toEqual([]);
    expect(waiting.client.events('e2ee:asked')).toEqual([]);
    expect(
      waiting.client.received.filter((r) => JSON.stringify(r.payload ?? null).includes(PUBLIC_KEY)),
    ).toEqual([]);

    // Joining again from another page: the old page's key is gone from the record.
    await p2.client.ok('e2ee:publicKey', { publicKey: PUBLIC_KEY });
    await lead.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p2.participantId && p.e2eeKey === PUBLIC_KEY,
    );
    p2.client.close();
    lead.client.clear();
    const again = await TestClient.connect(server.url, p2.token);
    open.push(again);
    await again.join(clinic.session1);
    await lead.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p2.participantId && p.connected && p.e2eeKey === null,
    );
    expect((await again.waitFor<RoomSnapshot>('room:snapshot')).e2ee).toBe(true);
  });

  it('refuses keys where the session did not ask for them, and malformed keys anywhere', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const snapshot = await lead.client.waitFor<RoomSnapshot>('room:snapshot');
    expect(snapshot.e2ee).toBe(false);
    expect(await lead.client.code('e2ee:publicKey', { publicKey: PUBLIC_KEY })).toBe(
      'INVALID_STATE',
    );
    expect(
      await lead.client.code('e2ee:keys', {
        keys: [{ participantId: lead.participantId, key: wrapped(1) }],
      }),
    ).toBe('INVALID_STATE');
    expect(await lead.client.code('e2ee:publicKey', { publicKey: `B${'k'.repeat(86)}` })).toBe(
      'INVALID_STATE',
    );
    for (const bad of [
      { publicKey: 'has+slash/and=' + 'x'.repeat(40) },
      { publicKey: 'short' },
      { publicKey: 'x'.repeat(300) },
      { publicKey: PUBLIC_KEY, extra: 1 },
    ])
      expect(await lead.client.code('e2ee:publicKey', bad)).toBe('BAD_REQUEST');
    const many = Array.from({ length: 65 }, (_, i) => ({
      participantId: `p${i}`,
      key: wrapped(i),
    }));
    expect(await lead.client.code('e2ee:keys', { keys: many })).toBe('BAD_REQUEST');
    expect(await lead.client.code('e2ee:keys', { keys: [] })).toBe('BAD_REQUEST');
    expect(await lead.client.code('e2ee:ask', { participantId: lead.participantId })).toBe(
      'INVALID_STATE',
    );
  });

  it('asks for it per session too, and says so to the session’s people', async () => {
    const created = await asAdmin('POST', '/api/sessions', {
      kind: 'individual',
      programId: clinic.programId,
      patientId: clinic.patients[0],
      leadClinicianId: clinic.coId,
      title: 'Private visit',
      startsAt: server.clock.now(),
      durationMinutes: 50,
      e2ee: true,
    });
    expect(created.statusCode).toBe(201);
    const session = created.json().data as { id: string; e2ee: boolean };
    expect(session.e2ee).toBe(true);
    const co = await staffClient(server, clinic.tokens.co, session.id);
    open.push(co.client);
    expect((await co.client.waitFor<RoomSnapshot>('room:snapshot')).e2ee).toBe(true);
    await co.client.ok('e2ee:publicKey', { publicKey: PUBLIC_KEY });
  });
});

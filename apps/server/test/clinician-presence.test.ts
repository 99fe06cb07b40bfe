import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import { ABSENCE_AFTER_DROP_MS } from '../src/rooms/live-session.js';
import {
  checkIn,
  patientClient,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe.each(BACKENDS)('a clinician’s presence, as the waiting room learns it (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  it('answers a join with it, and tells only its changes: first in, last out, a drop and a return', async () => {
    const early = await patientClient(server, clinic, 0);
    open.push(early.client);
    expect(await early.client.join(clinic.session1, { checkIn: checkIn() })).toMatchObject({
      state: 'waiting',
      clinicianPresent: false,
    });
    const presence = () => early.client.events('you:clinician');

    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    await early.client.waitFor('you:clinician');
    // A second clinician, and the first one leaving, change nothing for those waiting.
    const co = await staffClient(server, clinic.tokens.co, clinic.session1);
    open.push(co.client);
    await lead.client.ok('room:leave', {});
    await settle();
    expect(presence()).toEqual([{ present: true }]);

    // Someone arriving now learns it from the answer to their join.
    const { client: laterClient, token } = await patientClient(server, clinic, 1);
    open.push(laterClient);
    const later = await laterClient.join(clinic.session1, { checkIn: checkIn() });
    expect(later).toMatchObject({ state: 'waiting', clinicianPresent: true });

    // The last clinician's connection drops for a moment: nothing to tell.
    co.client.close();
    const blip = await staffClient(server, clinic.tokens.co, clinic.session1);
    await settle();
    expect(presence()).toEqual([{ present: true }]);
    // It drops and stays away: those waiting hear it once the drop has lasted, then the return.
    blip.client.close();
    const gone = Date.now();
    const absent = (e: { present: boolean }) => !e.present;
    await early.client.waitFor('you:clinician', absent, ABSENCE_AFTER_DROP_MS + 5_000);
    expect(Date.now() - gone).toBeGreaterThanOrEqual(ABSENCE_AFTER_DROP_MS - 100);
    await laterClient.waitFor('you:clinician', absent);
    const back = await staffClient(server, clinic.tokens.co, clinic.session1);
    open.push(back.client);
    await vi.waitFor(() =>
      expect(presence()).toEqual([{ present: true }, { present: false }, { present: true }]),
    );

    // A patient whose own connection dropped meanwhile learns it again on reconnecting.
    laterClient.close();
    const again = await TestClient.connect(server.url, token);
    open.push(again);
    expect(await again.join(clinic.session1)).toMatchObject({
      state: 'waiting',
      participantId: later.participantId,
      clinicianPresent: true,
    });
    // Nothing of the others reaches those waiting: neither staff nor the other patient.
    const told = JSON.stringify(early.client.received);
    for (const id of [lead.participantId, co.participantId, later.participantId])
      expect(told).not.toContain(id);
  });

  it('says a clinician is there to someone sent back to the waiting room', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor('room:snapshot');
    await lead.client.ok('mod:sendToWaiting', { participantId: p1.participantId });
    expect(
      await p1.client.waitFor<{ state: string }>('you:status', (s) => s.state === 'waiting'),
    ).toEqual({ state: 'waiting', message: null, lateArrival: false, clinicianPresent: true });
  });
});

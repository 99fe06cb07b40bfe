import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientRequests, type ClientRequestName } from '@haven/protocol';
import { startServer, type TestServer } from './helpers/server.js';
import { checkIn, patientToken, seedClinic, staffClient, type Clinic } from './helpers/clinic.js';
import { TestClient } from './helpers/client.js';
import { publish, setUpMedia } from './helpers/media.js';

/** Logs never hold patient names, tokens, invite codes or check-in answers. */
describe('privacy of logs and socket input', () => {
  let server: TestServer;
  let clinic: Clinic;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startServer({ logLines: lines });
    clinic = await seedClinic(server);
  });
  afterAll(async () => server.close());

  it('logs a whole session without a name, token, code or answer in it', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    const { token, code } = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    const patient = await TestClient.connect(server.url, token);
    const { participantId } = await patient.join(clinic.session1, {
      checkIn: checkIn({
        location: 'Secret Cabin 42',
        emergencyContact: { name: 'Zed Contactperson', phone: '555-0199' },
      }),
    });
    await lead.client.ok('mod:admit', { participantId });
    const m = await setUpMedia(patient);
    await publish(patient, m.sendId);
    await lead.client.ok('mod:mute', { participantId, kind: 'audio', lock: false });
    await lead.client.ok('mod:remove', { participantId, reason: 'Relapse disclosed' });
    await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@clinic.test', password: 'wrong password' },
    });
    await server.app.inject({
      method: 'GET',
      url: `/api/patients/${clinic.patients[0]}`,
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
    });
    lead.client.close();
    patient.close();
    await new Promise((r) => setTimeout(r, 100));

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('participant arrived');
    for (const secret of [
      'Patient Number0',
      'Pat 0',
      'Secret Cabin',
      'Zed Contactperson',
      '555-0199',
      'Relapse disclosed',
      'wrong password',
      token,
      code,
      clinic.tokens.lead,
      clinic.tokens.admin,
    ]) {
      expect(log, `log holds ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
  });

  it('answers a malformed payload on every socket event with BAD_REQUEST', async () => {
    const lead = await staffClient(server, clinic.tokens.co, clinic.session1);
    for (const name of Object.keys(ClientRequests) as ClientRequestName[]) {
      const res = await lead.client.request(name, {
        unexpected: { nested: true },
        participantId: 7,
      });
      expect(res.ok ? 'OK' : res.error.code, name).toBe('BAD_REQUEST');
    }
    for (const payload of [null, 42, 'text', [1, 2]]) {
      expect(await lead.client.code('mod:admit', payload)).toBe('BAD_REQUEST');
    }
    // Still a working session afterwards.
    expect(await lead.client.ok('hand:raise', {})).toMatchObject({
      participant: { handRaisedAt: expect.any(Number) },
    });
    lead.client.close();
  });

  it('says once that a request came through a proxy nobody said to trust', async () => {
    const forwarded = () =>
      server.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https' },
      });
    await forwarded();
    await forwarded();
    const warnings = lines.filter((l) => l.includes('HAVEN_TRUST_PROXY'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('198.51.100.4');
  });
});

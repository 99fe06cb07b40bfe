import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { dropSchema, startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import { checkIn, patientToken, seedClinic, staffClient } from './helpers/clinic.js';
import { PROTOCOL_VERSION } from '@haven/protocol';
import { createClient } from 'redis';
import pino from 'pino';
import { guardPublish } from '../src/plugins/io.js';
import { SIGN_IN_LIMITS } from '../src/auth/throttle.js';

const REDIS_URL = process.env['HAVEN_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Two nodes on one PostgreSQL schema and Redis: socket.io broadcasts cross nodes through the adapter. */
describe('two nodes on Redis and PostgreSQL', () => {
  const schema = `haven_test_${randomBytes(6).toString('hex')}`;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startServer({
      backend: 'postgres',
      schema,
      env: { REDIS_URL, HAVEN_NODE_ID: 'node-a' },
    });
    b = await startServer({
      backend: 'postgres',
      schema,
      env: { REDIS_URL, HAVEN_NODE_ID: 'node-b' },
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await dropSchema(schema);
  });

  it('shares the database and delivers a broadcast from one node to a socket on the other', async () => {
    const token = a.app.tokens.signDev({
      userId: 'u1',
      sessionId: 'dev-scale',
      role: 'clinician',
      displayName: 'On B',
    });
    const onB = await TestClient.connect(b.url, token.token);
    const joined = await onB.join('dev-scale');
    a.app.io
      .to(`p:${joined.participantId}`)
      .emit('waiting:message', { text: 'from node a', at: 1 });
    expect(await onB.waitFor<{ text: string }>('waiting:message')).toEqual({
      text: 'from node a',
      at: 1,
    });
    onB.close();
    const made = await a.app.db.patients.create({ legalName: 'Shared Row' });
    expect((await b.app.db.patients.byId(made.id))?.legalName).toBe('Shared Row');
  });

  it('runs a session on one node: another refuses it until the first lets it go', async () => {
    const c = await startServer({
      backend: 'postgres',
      schema,
      env: { REDIS_URL, HAVEN_NODE_ID: 'node-c' },
    });
    const clinic = await seedClinic(c);
    const lead = await staffClient(c, clinic.tokens.lead, clinic.session1);
    const { token } = await patientToken(
      b,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    const patient = await TestClient.connect(b.url, token);
    const join = {
      protocolVersion: PROTOCOL_VERSION,
      sessionId: clinic.session1,
      checkIn: checkIn(),
    };
    // Node c runs the session: node b does not open a second room of it.
    expect(await patient.code('room:join', join)).toBe('SESSION_ELSEWHERE');
    expect(b.app.clinic.registry.live(clinic.session1)).toBeUndefined();
    // Node c stops: it lets the session go, and node b takes it.
    lead.client.close();
    await c.close();
    expect(await patient.ok('room:join', join)).toMatchObject({ state: 'waiting' });
    expect(b.app.clinic.registry.live(clinic.session1)).toBeDefined();
    patient.close();
  });

  it('closes a staff member’s connections on every node when their password changes', async () => {
    const account = (email: string, role: 'admin' | 'clinician') =>
      a.app.db.staff.create({ email, displayName: email, role, passwordHash: 'not used here' });
    const admin = await account('password-admin@clinic.test', 'admin');
    const moved = await account('password-clinician@clinic.test', 'clinician');
    const token = a.app.tokens.signStaff(moved).token;
    const onB = await TestClient.connect(b.url, token);
    const closed = new Promise((resolve) => onB.socket.once('disconnect', resolve));
    const change = await a.app.inject({
      method: 'PATCH',
      url: `/api/staff/${moved.id}`,
      headers: { authorization: `Bearer ${a.app.tokens.signStaff(admin).token}` },
      payload: { password: 'a brand new passphrase here' },
    });
    expect(change.statusCode).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await expect(TestClient.connect(b.url, token)).rejects.toMatchObject({
      data: { code: 'TOKEN_EXPIRED' },
    });
  });

  it('counts failed sign-ins at every node together', async () => {
    const email = `guess-${randomBytes(4).toString('hex')}@clinic.test`;
    const remoteAddress = `2001:db8::${randomBytes(2).toString('hex')}`;
    const signIn = (node: TestServer, password: string) =>
      node.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress,
      });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++)
      expect((await signIn(i % 2 ? b : a, `wrong ${i}`)).statusCode).toBe(401);
    for (const node of [a, b]) expect((await signIn(node, 'one more')).statusCode).toBe(429);
  });

  it('logs a broadcast that cannot reach Redis instead of ending the process', async () => {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const logged: { msg: string }[] = [];
    const log = pino(
      { level: 'error' },
      { write: (line: string) => logged.push(JSON.parse(line)) },
    );
    guardPublish(client, log);
    expect(await client.publish('haven-test', 'reached')).toBeTypeOf('number');
    client.destroy();
    // Without the guard this rejection is unhandled, and Node ends the process.
    expect(await client.publish('haven-test', 'lost')).toBe(0);
    expect(logged.map((l) => l.msg)).toEqual(['a broadcast to the other nodes failed']);
  });
});

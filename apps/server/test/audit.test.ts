import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { seedClinic, type Clinic } from './helpers/clinic.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli/verify-audit.js', import.meta.url));

/** Tampering with the audit trail in the database is detected, and the first broken entry named. */
describe.each(BACKENDS)('audit trail (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
    // A few real staff actions, each appended by the server.
    for (let i = 0; i < 4; i++) {
      await server.app.inject({
        method: 'POST',
        url: '/api/patients',
        headers: { authorization: `Bearer ${clinic.tokens.admin}` },
        payload: { legalName: `Audit Person${i}` },
      });
    }
  });
  afterEach(async () => server.close());

  const verify = async () =>
    (
      await server.app.inject({
        method: 'GET',
        url: '/api/audit/verify',
        headers: { authorization: `Bearer ${clinic.tokens.admin}` },
      })
    ).json().data as { ok: boolean; count?: number; firstBrokenSeq?: number };
  const entries = () => server.app.db.audit.list({ limit: 1000 });

  it('verifies an intact chain and lists entries without secrets', async () => {
    const result = await verify();
    expect(result.ok).toBe(true);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/audit?limit=50',
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
    });
    const actions = (list.json().data as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'patient.create')).toHaveLength(4);
    expect(list.body).not.toContain(clinic.tokens.admin);
    expect(list.body).not.toContain('Audit Person');
  });

  it('names the first edited, deleted or reordered entry', async () => {
    const [, second, third] = await entries();
    if (!second || !third) throw new Error('too few entries');
    const db = server.app.db.db;
    await sql`update audit_log set details = ${'{"sessionId":"forged"}'} where seq = ${third.seq}`.execute(
      db,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: third.seq });
    await sql`update audit_log set details = ${third.details === null ? null : JSON.stringify(third.details)} where seq = ${third.seq}`.execute(
      db,
    );
    expect((await verify()).ok).toBe(true);

    await sql`delete from audit_log where seq = ${second.seq}`.execute(db);
    // The gap is named where the deleted entry was.
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: second.seq });
  });

  it('detects two entries swapped', async () => {
    const [, second, third] = await entries();
    if (!second || !third) throw new Error('too few entries');
    const db = server.app.db.db;
    // Swap the content of two rows, keeping their sequence numbers.
    await sql`update audit_log set action = ${third.action}, target_id = ${third.targetId}, at = ${third.at}, hash = ${third.hash}, prev_hash = ${third.prevHash} where seq = ${second.seq}`.execute(
      db,
    );
    await sql`update audit_log set action = ${second.action}, target_id = ${second.targetId}, at = ${second.at}, hash = ${second.hash}, prev_hash = ${second.prevHash} where seq = ${third.seq}`.execute(
      db,
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(second.seq);
  });

  it.runIf(backend === 'sqlite')('the verify command exits 2 and names the entry', async () => {
    const [first] = await entries();
    if (!first) throw new Error('no entries');
    const env = { ...process.env, HAVEN_DATA_DIR: server.config.dataDir, HAVEN_ENV: 'development' };
    const ok = await run(process.execPath, [CLI], { env });
    expect(ok.stdout).toContain('audit trail intact');
    await sql`update audit_log set action = ${'auth.login'} where seq = ${first.seq}`.execute(
      server.app.db.db,
    );
    const broken = await run(process.execPath, [CLI], { env }).catch(
      (err: { code: number; stdout: string }) => err,
    );
    expect('code' in broken ? broken.code : 0).toBe(2);
    expect(broken.stdout).toContain(`BROKEN at entry ${first.seq}`);
    // Pointed at a folder with no database, it says so rather than checking an empty one.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-nodb-'));
    const missing = await run(process.execPath, [CLI], {
      env: { ...env, HAVEN_DATA_DIR: empty },
    }).catch((err: { code: number; stderr: string }) => err);
    expect('code' in missing ? missing.code : 0).toBe(1);
    expect(missing.stderr).toContain('No database at');
    expect(fs.readdirSync(empty)).toEqual([]);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});

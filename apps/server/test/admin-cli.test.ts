import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@haven/db';
import { verifyPassword } from '../src/auth/passwords.js';

const CLI = fileURLToPath(new URL('../dist/cli/create-admin.js', import.meta.url));

/** Runs the command with `input` on its standard input. */
function createAdmin(args: string[], env: NodeJS.ProcessEnv, input: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The first administrator of a new deployment, made from the command line. */
describe('npm run admin:create', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-admin-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HAVEN_DATA_DIR: dataDir,
    HAVEN_ENV: 'production',
  };
  delete env['DATABASE_URL'];
  delete env['HAVEN_ADMIN_PASSWORD'];
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('makes an administrator who can sign in, audited as made by the system', async () => {
    const args = ['--email', 'Director@Clinic.org', '--name', 'Dana Director'];
    const made = await createAdmin(args, env, 'a long enough passphrase\n');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('director@clinic.org');

    const db = await openDatabase({ dataDir });
    try {
      const admin = await db.staff.byEmail('director@clinic.org');
      expect(admin).toMatchObject({ role: 'admin', active: true, displayName: 'Dana Director' });
      expect(await verifyPassword(admin?.passwordHash ?? '', 'a long enough passphrase')).toBe(
        true,
      );
      const [entry] = await db.audit.list({ action: 'staff.create' });
      expect(entry).toMatchObject({ actorId: null, actorRole: 'system', targetId: admin?.id });
      expect(JSON.stringify(entry)).not.toContain('passphrase');
    } finally {
      await db.close();
    }
    // The same email again, or a short password: refused, nothing written.
    const again = await createAdmin(args, env, 'another long passphrase\n');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const short = await createAdmin(['--email', 'b@clinic.org', '--name', 'B'], env, 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password');
  });
});

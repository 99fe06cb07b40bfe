import { parseArgs } from 'node:util';
import { CreateStaffBody, HavenError } from '@haven/protocol';
import { hashPassword } from '../auth/passwords.js';
import { configuredDatabase, runCommand } from './command.js';

const USAGE = `usage: npm run admin:create -- --email EMAIL --name "NAME"
The password is read from HAVEN_ADMIN_PASSWORD, or from the first line of standard input.`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env['HAVEN_ADMIN_PASSWORD'];
  if (fromEnv) return fromEnv;
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('\n')) break;
  }
  return input.split(/\r?\n/)[0] ?? '';
}

/**
 * `npm run admin:create`: the clinic's first administrator (or another one), straight in
 * the configured database, for a deployment that has nobody to sign in with yet. The
 * account is audited as made by the system. Exits 0 when made, 2 on bad input or an
 * email already in use.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const body = CreateStaffBody.safeParse({
    email: values.email,
    displayName: values.name,
    role: 'admin',
    password: await readPassword(),
  });
  if (!body.success) {
    const fields = body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    process.stderr.write(`${fields.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const db = await configuredDatabase();
  try {
    const admin = await db.transaction(async (tx) => {
      const made = await tx.staff.create({
        email: body.data.email,
        displayName: body.data.displayName,
        role: 'admin',
        passwordHash: await hashPassword(body.data.password),
      });
      await tx.audit.append({
        actorId: null,
        actorRole: 'system',
        action: 'staff.create',
        targetType: 'staff',
        targetId: made.id,
        details: { role: 'admin', by: 'admin:create' },
      });
      return made;
    });
    process.stdout.write(`administrator ${admin.email} created; sign in at /login\n`);
    return 0;
  } catch (err) {
    if (err instanceof HavenError && err.code === 'CONFLICT') {
      process.stderr.write(`an account with that email already exists\n`);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

runCommand(main, 'could not create the administrator');

import type { FastifyInstance } from 'fastify';
import type { Database } from '@haven/db';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_CO_FACILITATOR_EMAIL,
  DEMO_LEAD_EMAIL,
  seedDemoClinic,
} from '@haven/db';
import type { Config } from './config.js';
import { hashPassword } from './auth/passwords.js';
import { createInvite, inviteUrl } from './auth/invites.js';
import { devRoomUrl } from './http/dev.js';

export const DEMO_PASSWORD = 'haven-demo-password';
const HOUR = 3_600_000;

export interface DemoInfo {
  password: string;
  groupSessionId: string | null;
  patientLinks: { name: string; code: string }[];
}

/**
 * Seeds the demo clinic once (an admin, two clinicians, an IOP program, a group of 8
 * with a session today, an individual session) and makes fresh invite links for today.
 */
export async function seedDemo(db: Database, clock: () => number): Promise<DemoInfo> {
  const seeded = await seedDemoClinic(db, { now: clock(), hashPassword, password: DEMO_PASSWORD });
  const now = clock();
  const today = (await db.sessions.list({ from: now - 12 * HOUR, to: now + 12 * HOUR })).filter(
    (s) => s.kind === 'group' && s.status !== 'ended' && s.groupId,
  );
  const session = today.sort((a, b) => a.startsAt - b.startsAt)[0];
  const links: DemoInfo['patientLinks'] = [];
  if (session?.groupId) {
    const enrolled = await db.groups.enrolledPatients(session.groupId);
    for (const { patient } of enrolled.slice(0, 2)) {
      const { code } = await createInvite(db, {
        patientId: patient.id,
        sessionId: session.id,
        createdBy: seeded.adminId,
        expiresInHours: 24,
        now,
      });
      links.push({ name: patient.displayName, code });
    }
  }
  return { password: DEMO_PASSWORD, groupSessionId: session?.id ?? null, patientLinks: links };
}

/** What the start command prints: where Haven is, how to sign in, links to open. */
export async function announceDemo(
  app: FastifyInstance,
  config: Config,
  demo: DemoInfo | null,
): Promise<void> {
  const scheme = config.tls ? 'https' : 'http';
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = config.publicUrl ?? `${scheme}://${host}:${config.port}`;
  const lines = ['', `  Haven is running at ${base}`];
  if (demo) {
    lines.push(
      '',
      '  Demo clinic (sign in at the address above):',
      `    admin      ${DEMO_ADMIN_EMAIL}`,
      `    clinician  ${DEMO_LEAD_EMAIL} (leads the evening group)`,
      `    clinician  ${DEMO_CO_FACILITATOR_EMAIL} (co-facilitates; has an individual session)`,
      `    password   ${demo.password}`,
      '',
      '  Patient invite links for today’s group session:',
      ...demo.patientLinks.map((l) => `    ${l.name.padEnd(12)} ${inviteUrl(base, l.code)}`),
    );
  }
  if (config.env !== 'production') {
    const room = 'dev-hello';
    const a = app.tokens.signDev({
      userId: 'dev-a',
      sessionId: room,
      role: 'clinician',
      displayName: 'Tab A',
    });
    const b = app.tokens.signDev({
      userId: 'dev-b',
      sessionId: room,
      role: 'clinician',
      displayName: 'Tab B',
    });
    lines.push(
      '',
      '  Development room (open both links, e.g. in two tabs, to talk to yourself):',
      `    ${base}${devRoomUrl(room, a.token)}`,
      `    ${base}${devRoomUrl(room, b.token)}`,
    );
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TestClient } from '../helpers/client.js';
import { checkIn, patientToken, staffClient, type Clinic } from '../helpers/clinic.js';
import type { TestServer } from '../helpers/server.js';
import { newPage } from './browser.js';

const MIN = 60_000;
const DAY = 86_400_000;

/** A page in New York time and US English, as the seeded clinic's program runs. */
export function adminPage(browser: Browser, width = 1280, height = 900): Promise<Page> {
  return newPage(browser, width, height, {
    timezoneId: 'America/New_York',
    locale: 'en-US',
    acceptDownloads: true,
  });
}

/**
 * Signs in from the page itself, as the login form does: the refresh cookie it sets
 * keeps the session across the reload that follows.
 */
export async function signInAsAdmin(page: Page, baseUrl: string, password: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/admin`);
  const status = await page.evaluate(async (pw) => {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@clinic.test', password: pw }),
      credentials: 'same-origin',
    });
    return res.status;
  }, password);
  if (status !== 200) throw new Error(`sign-in failed with ${status}`);
  await page.reload();
  await page.getByTestId('admin-page').waitFor();
}

/** Opens a Radix select by its trigger id and picks the option with this exact name. */
export async function choose(page: Page, triggerId: string, option: string): Promise<void> {
  await page.locator(`#${triggerId}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Today's date in New York, 'YYYY-MM-DD'. */
export function newYorkToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(now));
}

/** The Monday of the week before `today` ('YYYY-MM-DD'). */
export function lastWeeksMonday(today: string): string {
  const ms = Date.parse(`${today}T12:00:00Z`);
  const weekday = new Date(ms).getUTCDay() || 7;
  return new Date(ms - (weekday - 1 + 7) * DAY).toISOString().slice(0, 10);
}

export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Runs `sessionId` at socket level on the server's clock, from its scheduled start: the
 * lead admits the patient, who stays `minutes` and leaves; the lead ends the session
 * `after` minutes later. The clock then returns to the present.
 */
export async function runSession(
  server: TestServer,
  clinic: Clinic,
  session: { id: string; startsAt: number },
  patientId: string,
  minutes: number,
  after = 10,
): Promise<void> {
  server.clock.freeze(session.startsAt);
  const lead = await staffClient(server, clinic.tokens.lead, session.id);
  const { token } = await patientToken(server, clinic.tokens.lead, session.id, patientId);
  const patient = await TestClient.connect(server.url, token);
  try {
    const joined = await patient.join(session.id, { checkIn: checkIn() });
    await lead.client.ok('mod:admit', { participantId: joined.participantId });
    server.clock.advance(minutes * MIN);
    await patient.ok('room:leave', {});
    server.clock.advance(after * MIN);
    await lead.client.ok('mod:end', {});
  } finally {
    patient.close();
    lead.client.close();
    server.clock.freeze();
  }
}

/** A CSV download read back: header and rows, RFC 4180 quoting, without the byte order mark. */
export function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || record.length) records.push([...record, cell]);
  const [header = [], ...body] = records;
  return {
    header,
    rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))),
  };
}

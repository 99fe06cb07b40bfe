import type { Locator, Page } from 'playwright-core';
import type { CheckIn } from '@haven/protocol';
import { TestClient } from '../helpers/client.js';
import { setUpMedia, publish } from '../helpers/media.js';
import type { TestServer } from '../helpers/server.js';

/** Signs in through the login form and waits until the app has moved on. */
export async function signInThroughUi(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Trades the code in an invitation link (`…/join#code`) for the patient's session token. */
export async function tokenFromInvite(server: TestServer, url: string): Promise<string> {
  const code = new URL(url).hash.slice(1);
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/invites/exchange',
    payload: { code },
  });
  if (res.statusCode !== 200) throw new Error(`exchange failed: ${res.body}`);
  return (res.json().data as { token: string }).token;
}

export interface SocketPatient {
  client: TestClient;
  participantId: string;
}

/** A patient at socket level: connects with the token, checks in, lands in the waiting room. */
export async function patientJoins(
  server: TestServer,
  token: string,
  sessionId: string,
  checkIn: CheckIn,
): Promise<SocketPatient> {
  const client = await TestClient.connect(server.url, token);
  const joined = await client.join(sessionId, { checkIn });
  if (joined.state !== 'waiting') throw new Error(`expected the waiting room, got ${joined.state}`);
  return { client, participantId: joined.participantId };
}

/** After admission: media transports, then a microphone and a camera producer. */
export async function publishMedia(patient: SocketPatient) {
  const { sendId } = await setUpMedia(patient.client);
  return publish(patient.client, sendId);
}

/** The element of one participant in a list of the console (`waiting-entry`, `participant-row`, ...). */
export const row = (page: Page, testId: string, participantId: string): Locator =>
  page.locator(`[data-testid="${testId}"][data-participant-id="${participantId}"]`);

/** Opens a participant's menu in the console and chooses an item by its name. */
export async function chooseFromMenu(
  page: Page,
  participantId: string,
  item: string,
): Promise<void> {
  await row(page, 'participant-row', participantId).getByTestId('participant-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

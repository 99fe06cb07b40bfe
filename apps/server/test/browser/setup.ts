import { afterEach, expect } from 'vitest';
import { closePages, takeRefusals } from './browser.js';

afterEach(async () => {
  const refusals = takeRefusals();
  // Each test's people leave when it ends: calls left running would load the machine and
  // hold back the next test's video.
  await closePages();
  // The server's Content-Security-Policy must let the app do all it does: any refusal in
  // any page of a test fails that test.
  expect(refusals, 'refused by the Content-Security-Policy').toEqual([]);
});

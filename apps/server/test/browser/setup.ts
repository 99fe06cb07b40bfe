import { afterEach, expect } from 'vitest';
import { takeRefusals } from './browser.js';

// The server's Content-Security-Policy must let the app do all it does: any refusal in
// any page of a test fails that test.
afterEach(() => {
  expect(takeRefusals(), 'refused by the Content-Security-Policy').toEqual([]);
});

/**
 * Whether this browser can encrypt frames itself (RTCRtpScriptTransform): without it, it
 * cannot take part in an end-to-end encrypted session. Kept apart from the rest of the
 * end-to-end code, which only such sessions download.
 */
export const e2eeSupported = (): boolean =>
  typeof (globalThis as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform === 'function';

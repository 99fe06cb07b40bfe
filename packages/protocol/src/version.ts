/** Bumped on every incompatible change of the socket messages. Kept free of zod so clients can import it alone. */
export const PROTOCOL_VERSION = 1;

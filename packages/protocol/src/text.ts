import { z } from 'zod';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DELETE = 0x7f;

/**
 * Whether the text holds a control character that no typed text holds: any of C0 or DEL
 * but tab, line feed and carriage return. A NUL cannot even be stored in PostgreSQL.
 */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === DELETE) return true;
    if (c < 0x20 && c !== TAB && c !== LINE_FEED && c !== CARRIAGE_RETURN) return true;
  }
  return false;
}

/** Text a person typed: trimmed, `min` to `max` characters, no control characters. */
export const typedText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasControlChars(s), 'no control characters');

/** An id or a key as sent in a query or a body: up to `max` characters, no control characters. */
export const key = (max = 64) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasControlChars(s), 'no control characters');

import { z } from 'zod';

/**
 * Control characters that no typed text holds: all of C0 and DEL but tab, line feed and
 * carriage return. A NUL cannot even be stored in PostgreSQL.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlChars = (value: string): boolean => CONTROL.test(value);

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

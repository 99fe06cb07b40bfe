import { beforeAll, describe, expect, it } from 'vitest';
import { loadTexts, textsOf, type Messages } from '.';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/**
 * For tests: each catalog has the same keys in English and Spanish (the real Spanish
 * modules, loaded first), no empty text, and the same placeholders in both languages.
 */
export function describeParity(catalogs: Record<string, Messages<string>>): void {
  beforeAll(() => loadTexts('es'));

  describe.each(Object.entries(catalogs))('%s messages', (_name, messages) => {
    it('has every English key in Spanish and no Spanish key English lacks', () => {
      expect(Object.keys(textsOf(messages, 'es') ?? {}).sort()).toEqual(
        Object.keys(messages.en).sort(),
      );
    });

    it('has no empty text, and the same placeholders in both languages', () => {
      for (const key of Object.keys(messages.en)) {
        const en = messages.en[key] ?? '';
        const es = textsOf(messages, 'es')?.[key] ?? '';
        expect(en.trim(), key).not.toBe('');
        expect(es.trim(), key).not.toBe('');
        expect(placeholders(es), key).toEqual(placeholders(en));
      }
    });
  });
}

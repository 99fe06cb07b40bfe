import { describe, expect, it } from 'vitest';
import { defineMessages, format, translate } from './index';

describe('i18n', () => {
  const messages = defineMessages({
    en: { hello: 'Hello {name}', bye: 'Bye' },
    es: { hello: 'Hola {name}', bye: 'Adiós' },
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(format('Hi {name}, {other}', { name: 'Ana' })).toBe('Hi Ana, {other}');
  });

  it('translates into each locale', () => {
    expect(translate(messages, 'en', 'hello', { name: 'Ana' })).toBe('Hello Ana');
    expect(translate(messages, 'es', 'hello', { name: 'Ana' })).toBe('Hola Ana');
    expect(translate(messages, 'es', 'bye')).toBe('Adiós');
  });
});

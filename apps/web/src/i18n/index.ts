import { useSyncExternalStore } from 'react';

/**
 * English and Spanish. The browser's language chooses at first; the person can switch,
 * and the choice is remembered on this device. Each feature keeps its own messages
 * (`defineMessages`) next to its components.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const KEY = 'haven:locale';
const listeners = new Set<() => void>();

function detect(): Locale {
  try {
    const saved = window.localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'es') return saved;
  } catch {
    // Storage may be unavailable (private mode): fall back to the browser's languages.
  }
  const languages =
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

let current: Locale | null = null;

export function getLocale(): Locale {
  current ??= typeof window === 'undefined' ? 'en' : detect();
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // Not remembered, but still applied for this page.
  }
  document.documentElement.lang = locale;
  for (const l of listeners) l();
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getLocale,
    () => 'en',
  );
}

type Vars = Record<string, string | number>;
export type Messages<K extends string> = Record<Locale, Record<K, string>>;

/** Declares a feature's messages; Spanish must have every key English has. */
export const defineMessages = <K extends string>(messages: {
  en: Record<K, string>;
  es: Record<K, string>;
}) => messages as Messages<K>;

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in vars ? String(vars[key]) : match,
  );
}

export function translate<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  key: K,
  vars?: Vars,
): string {
  return format(messages[locale][key] ?? messages.en[key], vars);
}

/** `t('key', { vars })` in the current locale; re-renders when the locale changes. */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Vars) => string {
  const locale = useLocale();
  return (key, vars) => translate(messages, locale, key, vars);
}

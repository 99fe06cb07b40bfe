import { useSyncExternalStore } from 'react';
import type { Translations } from './translations';

/**
 * English and Spanish. The browser's language chooses at first; the person can switch,
 * and the choice is remembered on this device. Each feature keeps its own messages
 * (`defineMessages`) next to its components, in English; their Spanish lives beside them
 * (`messages.ts` -> `messages.es.ts`) and is downloaded only by people who read Spanish.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const KEY = 'haven:locale';
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Counts arrivals of texts, so that pages showing English meanwhile re-render. */
let arrivals = 0;
const arrive = () => {
  arrivals += 1;
  emit();
};

/** The Spanish texts and how to download them: a module English speakers never load. */
let spanish: Translations | null = null;
let spanishLoading: Promise<Translations> | null = null;

/** Runs `use` on the Spanish texts once they can be downloaded; settles either way (English meanwhile). */
function withSpanish(use: (texts: Translations) => Promise<void>): Promise<void> {
  spanishLoading ??= import('./spanish').then(
    (m) => (spanish = new m.Translations(m.LOADERS, arrive)),
  );
  return spanishLoading.then(use, () => {
    spanishLoading = null; // Offline: the next need tries again.
  });
}

/** The ids of the catalogs the modules loaded so far declared. */
const declared = new Set<string>();

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

/** The language shown. */
let current: Locale | null = null;
/** The language chosen last; it is shown once its texts are here. */
let wanted: Locale | null = null;
let switching: Promise<void> = Promise.resolve();

export function getLocale(): Locale {
  current ??= typeof window === 'undefined' ? 'en' : detect();
  return current;
}

const wantedLocale = (): Locale => wanted ?? getLocale();

/** Downloads the texts every declared catalog lacks in `locale` (nothing for English). */
export const loadTexts = (locale: Locale): Promise<void> =>
  locale === 'en' ? Promise.resolve() : withSpanish((texts) => texts.loadAll(() => declared));

/**
 * Switches language: the texts the page lacks in it are downloaded first, then the page
 * re-renders in it all at once. The choice is remembered at once.
 */
export function setLocale(locale: Locale): Promise<void> {
  wanted = locale;
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // Not remembered, but still applied for this page.
  }
  switching = loadTexts(locale).then(() => {
    if (wanted !== locale) return; // Another choice came meanwhile.
    current = locale;
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    emit();
  });
  return switching;
}

/**
 * Settles when every catalog declared so far has its texts in the chosen language (or
 * failed to download them, and shows English): a page awaits it before its first render.
 * At once for English.
 */
export function textsReady(): Promise<void> {
  return Promise.all([loadTexts(wantedLocale()), switching]).then(() => undefined);
}

/**
 * Starts downloading, in the chosen language, the texts of the catalogs whose id (path
 * from src/, without `.ts`) begins with one of `prefixes`, before the page declaring
 * them arrives. Nothing for English.
 */
export function preloadTexts(prefixes: readonly string[]): Promise<void> {
  return wantedLocale() === 'en'
    ? Promise.resolve()
    : withSpanish((texts) => texts.preload(prefixes));
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale, () => 'en');
}

type Vars = Record<string, string | number>;

/** A feature's messages: its English texts, and an id that finds its other languages. */
export interface Messages<K extends string> {
  /** The module's path from src/ without `.ts`; its Spanish is `<id>.es.ts`. */
  readonly id: string;
  readonly en: Readonly<Record<K, string>>;
}

/**
 * The type of a catalog's texts in another language: exactly the keys English has.
 * A Spanish module: `export default { ... } satisfies Translation<typeof joinMessages>;`
 */
export type Translation<M> = M extends Messages<infer K> ? Record<K, string> : never;

/**
 * Declares a feature's messages, in English; `id` is the module's path from src/ without
 * `.ts` (`features/join/messages`), and the Spanish is in `<id>.es.ts`. When Spanish is
 * chosen, its texts are downloaded now.
 */
export function defineMessages<K extends string>(id: string, en: Record<K, string>): Messages<K> {
  declared.add(id);
  if (wantedLocale() === 'es') void withSpanish((texts) => texts.load(id));
  return { id, en };
}

/** The catalog's texts in `locale`, if they are here. */
export const textsOf = <K extends string>(
  messages: Messages<K>,
  locale: Locale,
): Readonly<Partial<Record<K, string>>> | undefined =>
  locale === 'en'
    ? messages.en
    : (spanish?.get(messages.id) as Partial<Record<K, string>> | undefined);

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in vars ? String(vars[key]) : match,
  );
}

/** A message in `locale`, or in English while (or if) that language's text is not here. */
export function translate<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  key: K,
  vars?: Vars,
): string {
  return format(textsOf(messages, locale)?.[key] ?? messages.en[key], vars);
}

const arrived = () => arrivals;

/**
 * `t('key', { vars })` in the current locale; re-renders when the locale changes, and
 * when texts arrive (those of a module first loaded after the switch, say).
 */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Vars) => string {
  const locale = useLocale();
  useSyncExternalStore(subscribe, arrived, arrived);
  return (key, vars) => translate(messages, locale, key, vars);
}

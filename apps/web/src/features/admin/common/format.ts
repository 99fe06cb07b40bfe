import { useMemo } from 'react';
import { useLocale, type Locale } from '../../../i18n';

/** Dates, times and numbers in the reader's language; times in the program's time zone. */
export interface Formatter {
  locale: Locale;
  /** 'YYYY-MM-DD' as a readable date. */
  date(iso: string, style?: 'short' | 'medium' | 'long'): string;
  /** 'YYYY-MM-DD' as month and day only: "11/16". */
  monthDay(iso: string): string;
  /** A weekday of 'YYYY-MM-DD': 'Mon' or 'Monday'. */
  weekday(iso: string, style?: 'short' | 'long'): string;
  dateTime(ms: number, timeZone?: string): string;
  time(ms: number, timeZone?: string): string;
  number(n: number, fractionDigits?: number): string;
  /**
   * Minutes as hours, at most one decimal: 150 -> "2.5". Rounded down, so a figure set
   * against a requirement never reaches it before the minutes do (537 min is 8.9 h, not
   * 9); a shortfall is rounded up (`'up'`), so one that remains never reads 0.
   */
  hours(minutes: number, round?: 'down' | 'up'): string;
}

const tag = (locale: Locale): string => (locale === 'es' ? 'es-US' : 'en-US');

export function formatter(locale: Locale): Formatter {
  const lang = tag(locale);
  const noon = (iso: string) => new Date(`${iso}T12:00:00Z`);
  return {
    locale,
    date: (iso, style = 'medium') =>
      new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(noon(iso)),
    monthDay: (iso) =>
      new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(
        noon(iso),
      ),
    weekday: (iso, style = 'short') =>
      new Intl.DateTimeFormat(lang, { weekday: style, timeZone: 'UTC' }).format(noon(iso)),
    dateTime: (ms, timeZone) =>
      new Intl.DateTimeFormat(lang, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }).format(new Date(ms)),
    time: (ms, timeZone) =>
      new Intl.DateTimeFormat(lang, {
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }).format(new Date(ms)),
    number: (n, fractionDigits = 0) =>
      new Intl.NumberFormat(lang, { maximumFractionDigits: fractionDigits }).format(n),
    hours: (minutes, round = 'down') =>
      new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(
        (round === 'up' ? Math.ceil(minutes / 6) : Math.floor(minutes / 6)) / 10,
      ),
  };
}

export function useFormat(): Formatter {
  const locale = useLocale();
  return useMemo(() => formatter(locale), [locale]);
}

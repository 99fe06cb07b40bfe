import { setLocale, useLocale, type Locale } from '../i18n';

/** Each language named in itself, so a person who reads only one of them finds it. */
const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

/**
 * English / Español, always visible in the header; the choice is remembered on this
 * device. Two native toggle buttons: nothing to load on the patient's join path.
 */
export function LocaleSwitch() {
  const locale = useLocale();
  return (
    <div className="locale-switch" role="group" aria-label="Language / Idioma">
      {(Object.keys(NAMES) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="locale-switch__item"
          aria-pressed={locale === l}
          data-state={locale === l ? 'on' : 'off'}
          onClick={() => setLocale(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}

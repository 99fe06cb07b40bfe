import { setLocale, useLocale, type Locale } from '../i18n';

const LABELS: Record<Locale, { short: string; name: string }> = {
  en: { short: 'EN', name: 'English' },
  es: { short: 'ES', name: 'Español' },
};

/**
 * English / Español, always visible in the header; the choice is remembered on this
 * device. Two native toggle buttons: nothing to load on the patient's join path.
 */
export function LocaleSwitch() {
  const locale = useLocale();
  return (
    <div className="locale-switch" role="group" aria-label="Language / Idioma">
      {(Object.keys(LABELS) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="locale-switch__item"
          aria-label={LABELS[l].name}
          aria-pressed={locale === l}
          data-state={locale === l ? 'on' : 'off'}
          onClick={() => setLocale(l)}
        >
          {LABELS[l].short}
        </button>
      ))}
    </div>
  );
}

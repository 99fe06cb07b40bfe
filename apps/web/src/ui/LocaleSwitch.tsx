import { ToggleGroup } from 'radix-ui';
import { setLocale, useLocale, type Locale } from '../i18n';

const LABELS: Record<Locale, { short: string; name: string }> = {
  en: { short: 'EN', name: 'English' },
  es: { short: 'ES', name: 'Español' },
};

/** English / Español, always visible in the header; the choice is remembered on this device. */
export function LocaleSwitch() {
  const locale = useLocale();
  return (
    <ToggleGroup.Root
      type="single"
      className="locale-switch"
      value={locale}
      aria-label="Language / Idioma"
      onValueChange={(value) => {
        if (value === 'en' || value === 'es') setLocale(value);
      }}
    >
      {(Object.keys(LABELS) as Locale[]).map((l) => (
        <ToggleGroup.Item
          key={l}
          value={l}
          lang={l}
          aria-label={LABELS[l].name}
          className="locale-switch__item"
        >
          {LABELS[l].short}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}

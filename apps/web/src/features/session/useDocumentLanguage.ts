import { useEffect } from 'react';
import { useLocale } from '../../i18n';

/**
 * Keeps `<html lang>` on the language shown, from the first render (a language remembered
 * from an earlier visit included), so screen readers pronounce the page correctly.
 */
export function useDocumentLanguage(): void {
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}

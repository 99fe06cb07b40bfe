import type { CallState } from '../../call/types';
import { useLocale, useT } from '../../i18n';
import { useFocusOnMount } from './useFocusOnMount';
import { sessionMessages } from './messages';
import { endText } from './texts';

/** Once the stay is over: why, and a way back in where that makes sense. */
export function EndView({ self, onRejoin }: { self: CallState['self']; onRejoin: () => void }) {
  const t = useT(sessionMessages);
  const locale = useLocale();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const ended = endText(self, locale);
  if (!ended) return null;
  return (
    <section className="page end" data-testid="end-view" data-reason={self.state}>
      <h1 ref={heading} tabIndex={-1}>
        {ended.title}
      </h1>
      <p>{ended.body}</p>
      {ended.canRejoin && (
        <button type="button" className="primary" onClick={onRejoin} data-testid="rejoin">
          {t('rejoin')}
        </button>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useT } from '../../i18n';
import { Link } from '../../router/Link';
import { CallScreen } from './CallScreen';
import { sessionMessages } from './messages';
import { ProblemPanel } from './ProblemPanel';
import { roomSetup } from './roomCall';
import { useDocumentLanguage } from './useDocumentLanguage';
import { earlySetup, useCallClient, type CallSetup } from './useCall';

// A room link's call starts from this page's chunk, before the page renders (App.tsx).
export { startRoomCall } from './roomCall';

/**
 * `/room/:sessionId#token=...`: straight into the call with a token in hand (development
 * links; patients come through `/join`, with a device check and a check-in first).
 */
export default function CallPage({ sessionId }: { sessionId: string }) {
  const t = useT(sessionMessages);
  useDocumentLanguage();
  const [setup] = useState<CallSetup | null>(() => earlySetup(sessionId) ?? roomSetup(sessionId));
  const client = useCallClient(setup);
  const reload = () => window.location.reload();

  if (!setup) {
    return (
      <main className="page" data-testid="call-page">
        <ProblemPanel error={{ code: 'UNAUTHENTICATED', fatal: false }} />
        <p>
          <Link href="/">{t('goHome')}</Link>
        </p>
      </main>
    );
  }
  if (!client) {
    return (
      <p className="loading" role="status">
        {t('connecting')}
      </p>
    );
  }
  return (
    <main className="call-main">
      <CallScreen client={client} confirmLeave={false} onRejoin={reload} onRetry={reload} />
    </main>
  );
}

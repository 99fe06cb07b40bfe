import type { CheckIn } from '@haven/protocol';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import type { CallError } from '../../call/errors';
import { useLocale, useT, type Locale } from '../../i18n';
import { errorMessage } from '../../ui/errorMessages';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { useDocumentLanguage } from '../session/useDocumentLanguage';
import { checkInMessages } from './checkInMessages';
import { emptyDraft, type CheckInDraft } from './checkIn';
import { CheckInForm } from './CheckInForm';
import { DeviceCheck, type JoinChoice } from './DeviceCheck';
import { deviceMessages } from './deviceMessages';
import { TrackHandOver } from './handOver';
import {
  codeFromFragment,
  exchangeInvite,
  InvitationStore,
  RETRYABLE_EXCHANGE,
  type Invitation,
} from './invite';
import { LoadGuard } from '../../ui/LoadGuard';
import { LoadFailed } from './LoadGuard';
import { Message } from './Message';
import { joinMessages } from './messages';

/** The call and its media engine load only once the patient is about to join (prefetched earlier). */
const loadCall = () => import('../session/PatientCall');
const PatientCall = lazy(loadCall);

type Stage =
  | { kind: 'opening' }
  | { kind: 'failed'; code: string; retry: string | null }
  | { kind: 'noLink' }
  | { kind: 'devices' }
  | { kind: 'checkIn' }
  | { kind: 'call'; attempt: number };

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function sessionLine(
  invitation: Invitation,
  locale: Locale,
  t: ReturnType<typeof useT<keyof typeof joinMessages.en>>,
) {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const at = new Date(invitation.session.startsAt);
  return t('sessionAt', {
    title: invitation.session.title,
    day: at.toLocaleDateString(tag, { weekday: 'long', month: 'long', day: 'numeric' }),
    time: at.toLocaleTimeString(tag, { hour: 'numeric', minute: '2-digit' }),
  });
}

function Steps({ current }: { current: 1 | 2 }) {
  const t = useT(joinMessages);
  const steps = [t('stepDevices'), t('stepCheckIn'), t('stepWaiting')];
  return (
    <nav aria-label={t('steps')} className="steps">
      <ol>
        {steps.map((label, i) => (
          <li key={label} aria-current={i + 1 === current ? 'step' : undefined}>
            <span className="visually-hidden">
              {t('stepOf', { n: i + 1, total: steps.length })}:{' '}
            </span>
            {label}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The window's title names the step, so a tab (or a screen reader) says where the patient is. */
function useStepTitle(stage: Stage['kind']): void {
  const t = useT(joinMessages);
  const device = useT(deviceMessages);
  const checkIn = useT(checkInMessages);
  const step =
    stage === 'devices'
      ? device('title')
      : stage === 'checkIn'
        ? checkIn('title')
        : stage === 'failed'
          ? t('failedTitle')
          : null;
  const brand = t('brand');
  useEffect(() => {
    document.title = step ? `${step} – ${brand}` : brand;
  }, [step, brand]);
}

/**
 * `/join#<code>`: the patient's way in. Opens the invitation (the code leaves the address
 * bar at once), checks the devices, asks the check-in, then hands over to the call.
 */
export default function JoinPage() {
  const t = useT(joinMessages);
  const locale = useLocale();
  useDocumentLanguage();
  const [store] = useState(() => new InvitationStore(sessionStorageOrNull()));
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'opening' });
  const [choice, setChoice] = useState<JoinChoice | null>(null);
  const [draft, setDraft] = useState<CheckInDraft>(emptyDraft);
  /** Answers not yet accepted by the server; null once it has them (it keeps the latest). */
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  /** Every attempt to join is a new call; the device check's tracks go to one attempt only. */
  const attempts = useRef(0);
  const [handOver] = useState(() => new TrackHandOver());

  const open = useCallback(
    (code: string, signal?: AbortSignal) => {
      setStage({ kind: 'opening' });
      store.keepPendingCode(code);
      exchangeInvite(code, signal)
        .then((opened) => {
          store.save(opened);
          setInvitation(opened);
          setStage({ kind: 'devices' });
        })
        .catch((error: unknown) => {
          if (signal?.aborted) return;
          const failure = error instanceof ApiError ? error.code : 'INTERNAL';
          const retryable = RETRYABLE_EXCHANGE.has(failure);
          if (!retryable) store.clear();
          setStage({ kind: 'failed', code: failure, retry: retryable ? code : null });
        });
    },
    [store],
  );

  useEffect(() => {
    const { hash, pathname, search } = window.location;
    // The code is a secret: out of the address bar (history, screenshots, shoulders) at once.
    if (hash) window.history.replaceState(window.history.state, '', pathname + search);
    const code = codeFromFragment(hash) ?? store.pendingCode();
    if (code) {
      const controller = new AbortController();
      open(code, controller.signal);
      return () => controller.abort();
    }
    const saved = store.load(Date.now());
    if (saved) {
      setInvitation(saved);
      setStage({ kind: 'devices' });
    } else {
      setStage({ kind: 'noLink' });
    }
  }, [store, open]);

  // Fetch the call's code while the patient checks their devices.
  useEffect(() => {
    if (stage.kind === 'devices') void loadCall().catch(() => undefined);
  }, [stage.kind]);

  const startCall = () => {
    attempts.current += 1;
    setStage({ kind: 'call', attempt: attempts.current });
  };

  const onDevices = (picked: JoinChoice) => {
    setChoice({ ...picked, tracks: {} });
    if (invitation && store.checkedIn(invitation.session.id)) {
      handOver.offer(attempts.current + 1, picked.tracks);
      startCall();
      return;
    }
    // The form takes a while: put the camera's light out meanwhile.
    for (const track of Object.values(picked.tracks)) track.stop();
    setStage({ kind: 'checkIn' });
  };

  const onJoinFailed = useCallback((error: CallError) => {
    if (error.code === 'CHECK_IN_REQUIRED') setStage({ kind: 'checkIn' });
  }, []);

  // A shared computer: once the call is over for good, nobody after the patient may see
  // their name or get in with their invitation.
  const onSpent = useCallback(() => store.clear(), [store]);

  const onJoined = useCallback(() => {
    setCheckIn(null);
    if (invitation) store.markCheckedIn(invitation.session.id);
  }, [invitation, store]);

  let content: ReactNode;
  switch (stage.kind) {
    case 'opening':
      content = (
        <section className="join-card" aria-busy="true" data-testid="join-opening">
          <h1>
            <span className="spinner" aria-hidden="true" /> {t('opening')}
          </h1>
          <p className="hint">{t('openingHint')}</p>
        </section>
      );
      break;
    case 'noLink':
      content = <Message testId="join-no-link" title={t('noLinkTitle')} body={t('noLinkBody')} />;
      break;
    case 'failed': {
      const retry = stage.retry;
      content = (
        <Message
          testId="join-failed"
          code={stage.code}
          title={t('failedTitle')}
          body={stage.code === 'NOT_FOUND' ? t('notFoundNow') : errorMessage(stage.code, locale)}
          action={
            retry && (
              <button type="button" className="primary" onClick={() => open(retry)}>
                {t('retry')}
              </button>
            )
          }
        />
      );
      break;
    }
    case 'devices':
      content = (
        <DeviceCheck
          finalStep={!!invitation && store.checkedIn(invitation.session.id)}
          onContinue={onDevices}
        />
      );
      break;
    case 'checkIn':
      content = (
        <CheckInForm
          draft={draft}
          onDraft={setDraft}
          onBack={() => setStage({ kind: 'devices' })}
          onSubmit={(answers) => {
            setCheckIn(answers);
            startCall();
          }}
        />
      );
      break;
    case 'call': {
      const tracks = handOver.tracksFor(stage.attempt);
      content = invitation && choice && (
        <LoadGuard fallback={<LoadFailed />} onFailed={() => handOver.release()}>
          <Suspense
            fallback={
              <p className="loading" role="status">
                <span className="spinner" aria-hidden="true" /> {t('preparing')}
              </p>
            }
          >
            <PatientCall
              key={stage.attempt}
              token={invitation.token}
              sessionId={invitation.session.id}
              mode={choice.mode}
              devices={choice.devices}
              tracks={tracks}
              checkIn={checkIn}
              details={sessionLine(invitation, locale, t)}
              startsAt={invitation.session.startsAt}
              onJoined={onJoined}
              onJoinFailed={onJoinFailed}
              onSpent={onSpent}
              onRejoin={startCall}
            />
          </Suspense>
        </LoadGuard>
      );
      break;
    }
  }

  const inCall = stage.kind === 'call';
  useStepTitle(stage.kind);
  return (
    <div
      className={inCall ? 'patient patient--call' : 'patient'}
      data-testid="join-page"
      data-stage={stage.kind}
    >
      <header className="patient__header">
        <span className="patient__brand">{t('brand')}</span>
        <LocaleSwitch />
      </header>
      <main className="patient__main">
        {invitation && !inCall && (
          <p className="join-context">
            {t('greeting', { name: invitation.patient.displayName })}{' '}
            {sessionLine(invitation, locale, t)}
          </p>
        )}
        {stage.kind === 'devices' && <Steps current={1} />}
        {stage.kind === 'checkIn' && <Steps current={2} />}
        {content}
      </main>
    </div>
  );
}

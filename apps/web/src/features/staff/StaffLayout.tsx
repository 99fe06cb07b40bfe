import { useEffect, useState, type ReactNode } from 'react';
import { signOut, useStaffSession, type StaffUser } from '../../auth/staffSession';
import { useLocale, useT } from '../../i18n';
import { navigate } from '../../router/history';
import { Link } from '../../router/Link';
import { adminHref } from '../../router/routes';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { errorText } from './errors';
import { staffMessages } from './messages';
import './staff.css';

/** Where a signed-out visitor is sent, remembering the page they wanted. */
export const loginHref = (next?: string): string =>
  next ? `/login?next=${encodeURIComponent(next)}` : '/login';

/** Set while signing out on purpose: the guard then leaves the way to the sign-in page alone. */
let signingOut = false;

/** Sets the tab's title while a page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Haven`;
  }, [title]);
}

/**
 * Renders its children for a signed-in staff member; sends anyone else to the sign-in
 * page and brings them back here afterwards.
 */
export function RequireStaff({ children }: { children: (user: StaffUser) => ReactNode }) {
  const session = useStaffSession();
  const t = useT(staffMessages);
  useEffect(() => {
    if (session.status !== 'signedOut' || signingOut) return;
    const here = window.location.pathname + window.location.search;
    navigate(loginHref(here), { replace: true });
  }, [session.status]);
  if (session.status !== 'signedIn') {
    return (
      <p className="loading" role="status">
        {t('checkingSignIn')}
      </p>
    );
  }
  return <>{children(session.user)}</>;
}

/** The staff header: where you are, who you are, the language, and signing out. */
export function StaffHeader({ user }: { user: StaffUser | null }) {
  const t = useT(staffMessages);
  const [leaving, setLeaving] = useState(false);
  const out = () => {
    setLeaving(true);
    signingOut = true;
    void signOut().finally(() => {
      navigate(`${loginHref()}?out=1`, { replace: true });
      signingOut = false;
    });
  };
  return (
    <header className="staff-header">
      <div className="staff-header__brand">
        <span className="staff-header__name">{t('brand')}</span>
        <span className="staff-header__area">{user ? t('area') : t('mainNav')}</span>
      </div>
      {user && (
        <nav className="staff-header__nav" aria-label={t('mainNav')}>
          <Link href="/clinician">{t('today')}</Link>
          {user.role === 'admin' && <Link href={adminHref('attendance')}>{t('goToAdmin')}</Link>}
        </nav>
      )}
      <div className="staff-header__tools">
        {user && (
          <span className="staff-header__user" data-testid="staff-user">
            {t('signedInAs', { name: user.displayName })}
          </span>
        )}
        <LocaleSwitch />
        {user && (
          <button type="button" onClick={out} disabled={leaving} data-testid="sign-out">
            {leaving ? t('signingOut') : t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

/** A page of the staff area: the header, then the page's own content. */
export function StaffPage({
  user,
  className,
  testId,
  children,
}: {
  user: StaffUser | null;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="staff">
      <StaffHeader user={user} />
      <main className={className ? `staff-main ${className}` : 'staff-main'} data-testid={testId}>
        {children}
      </main>
    </div>
  );
}

/** A failed request or action, said plainly; dismissible, and retryable when that helps. */
export function ErrorBanner({
  code,
  text,
  onDismiss,
  onRetry,
}: {
  code: string;
  /** A sentence that fits the context better than the code's general one. */
  text?: string;
  onDismiss?: () => void;
  onRetry?: () => void;
}) {
  const locale = useLocale();
  const t = useT(staffMessages);
  return (
    <div className="staff-alert" role="alert" data-testid="staff-error" data-error-code={code}>
      <p>{text ?? errorText(code, locale)}</p>
      <div className="staff-alert__actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
        {onDismiss && (
          <button type="button" className="quiet" onClick={onDismiss}>
            {t('dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}

import { useEffect } from 'react';
import { useT } from '../../i18n';
import { signOut, useStaffSession } from '../../auth/staffSession';
import { Link } from '../../router/Link';
import { adminHref } from '../../router/routes';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { commonMessages } from './common/messages';
import { Loading } from './common/ui';
import { AttendanceSection } from './attendance/AttendanceSection';
import { PeopleSection } from './people/PeopleSection';
import { ProgramsSection } from './programs/ProgramsSection';
import { SessionsSection } from './sessions/SessionsSection';
import { AuditSection } from './audit/AuditSection';
import './admin.css';

export const SECTIONS = ['attendance', 'people', 'programs', 'sessions', 'audit'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);

/** `/admin/:section`: the program director's, biller's and auditor's pages. */
export default function AdminPage({ section }: { section: string }) {
  const t = useT(commonMessages);
  const session = useStaffSession();
  const current = isSection(section) ? section : null;

  useEffect(() => {
    document.title = `${current ? t(`section.${current}`) : t('unknownSectionTitle')} · ${t('appName')}`;
  }, [current, t]);

  if (session.status === 'unknown') {
    return (
      <main className="admin-gate">
        <Loading label={t('checkingSignIn')} />
      </main>
    );
  }
  if (session.status === 'signedOut') {
    return (
      <main className="admin-gate" data-testid="admin-signed-out">
        <div className="admin-gate__bar">
          <LocaleSwitch />
        </div>
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInBody')}</p>
        <p>
          <Link
            href={`/login?next=${encodeURIComponent(window.location.pathname)}`}
            className="admin-button-link"
            data-testid="admin-sign-in-link"
          >
            {t('signInLink')}
          </Link>
        </p>
      </main>
    );
  }
  if (session.user.role !== 'admin') {
    return (
      <main className="admin-gate" data-testid="admin-not-admin">
        <div className="admin-gate__bar">
          <LocaleSwitch />
        </div>
        <h1>{t('notAdminTitle')}</h1>
        <p>{t('notAdminBody')}</p>
        <p>
          <Link href="/clinician">{t('clinicianLink')}</Link>
        </p>
      </main>
    );
  }

  return (
    <div className="admin" data-testid="admin-page" data-section={current ?? 'unknown'}>
      <a className="admin-skip" href="#admin-main">
        {t('skipToContent')}
      </a>
      <header className="admin-header">
        <div className="admin-header__top">
          <p className="admin-header__brand">{t('appName')}</p>
          <div className="admin-header__tools">
            <span className="admin-header__user">
              {t('signedInAs', { name: session.user.displayName })}
            </span>
            <LocaleSwitch />
            <button
              type="button"
              className="quiet admin-header__signout"
              onClick={() => void signOut()}
            >
              {t('signOut')}
            </button>
          </div>
        </div>
        <nav aria-label={t('navLabel')} className="admin-nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                <Link
                  href={adminHref(s)}
                  aria-current={s === current ? 'page' : undefined}
                  data-testid={`admin-nav-${s}`}
                >
                  {t(`section.${s}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="admin-main" className="admin-main" tabIndex={-1}>
        {current === 'attendance' && <AttendanceSection />}
        {current === 'people' && <PeopleSection />}
        {current === 'programs' && <ProgramsSection />}
        {current === 'sessions' && <SessionsSection />}
        {current === 'audit' && <AuditSection />}
        {current === null && (
          <>
            <h1>{t('unknownSectionTitle')}</h1>
            <p>{t('unknownSectionBody')}</p>
          </>
        )}
      </main>
    </div>
  );
}

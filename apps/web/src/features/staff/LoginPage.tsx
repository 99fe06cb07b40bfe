import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signIn, useStaffSession } from '../../auth/staffSession';
import { useLocale, useT } from '../../i18n';
import { navigate } from '../../router/history';
import { codeOf, errorText } from './errors';
import { staffMessages } from './messages';
import { landingFor } from './landing';
import { StaffPage, useDocumentTitle } from './StaffLayout';

/** `/login`: email and password; then the clinician's day or the admin pages. */
export default function LoginPage() {
  const t = useT(staffMessages);
  const locale = useLocale();
  const session = useStaffSession();
  const params = new URLSearchParams(window.location.search);
  const next = params.get('next');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  useDocumentTitle(t('loginTitle'));

  // Already signed in (another tab, a reload): go straight on.
  useEffect(() => {
    if (session.status === 'signedIn' && !busy)
      navigate(landingFor(session.user.role, next), { replace: true });
  }, [session, busy, next]);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (!address || !password) {
      setProblem(t('missingFields'));
      return;
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setProblem(t('badEmail'));
      return;
    }
    setBusy(true);
    setProblem(null);
    signIn(address, password)
      .then((user) => navigate(landingFor(user.role, next), { replace: true }))
      .catch((error: unknown) => {
        const code = codeOf(error);
        setProblem(
          code === 'BAD_REQUEST'
            ? t('badEmail')
            : code === 'RATE_LIMITED'
              ? t('tooManySignIns')
              : errorText(code, locale),
        );
        setPassword('');
        setBusy(false);
      });
  };

  const note = params.has('out') ? t('signedOutNote') : next ? t('expiredNote') : null;
  return (
    <StaffPage user={null} className="login">
      <section className="card login__card" aria-labelledby="login-title">
        <h1 id="login-title">{t('loginTitle')}</h1>
        <p className="hint">{t('loginIntro')}</p>
        {note && (
          <p className="login__note" role="status">
            {note}
          </p>
        )}
        <form className="staff-form" onSubmit={submit} noValidate aria-busy={busy}>
          {problem && (
            <p
              ref={problemRef}
              className="form-error"
              role="alert"
              tabIndex={-1}
              id="login-problem"
              data-testid="login-error"
            >
              {problem}
            </p>
          )}
          <label htmlFor="login-email">{t('email')}</label>
          <input
            id="login-email"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={email}
            aria-describedby={problem ? 'login-problem' : undefined}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="login-email"
          />
          <label htmlFor="login-password">{t('password')}</label>
          <input
            id="login-password"
            type={showPassword ? 'text' : 'password'}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            aria-describedby={problem ? 'login-problem' : undefined}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="login-password"
          />
          <label className="staff-form__check">
            <input
              type="checkbox"
              checked={showPassword}
              onChange={(event) => setShowPassword(event.target.checked)}
            />
            {t('showPassword')}
          </label>
          <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </section>
    </StaffPage>
  );
}

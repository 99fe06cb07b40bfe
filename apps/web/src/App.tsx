import { lazy, Suspense } from 'react';
import { usePathname } from './router/history';
import { Link } from './router/Link';
import { matchRoute } from './router/routes';

// One chunk per page: a patient opening a link downloads only the join path, never the
// clinician console or the admin pages, and the home page never downloads the media engine.
const HomePage = lazy(() => import('./features/home/HomePage'));
const loadCallPage = once(() => import('./features/session/CallPage'));
const loadJoinPage = once(() => import('./features/join/JoinPage'));
const CallPage = lazy(loadCallPage);
const JoinPage = lazy(loadJoinPage);

// A patient's page starts downloading while React starts, not after its first render.
const first = matchRoute(window.location.pathname).name;
if (first === 'room') void loadCallPage();
if (first === 'join') void loadJoinPage();
const LoginPage = lazy(() => import('./features/staff/LoginPage'));
const TodayPage = lazy(() => import('./features/clinician/TodayPage'));
const ConsolePage = lazy(() => import('./features/clinician/ConsolePage'));
const RosterPage = lazy(() => import('./features/clinician/RosterPage'));
const AdminPage = lazy(() => import('./features/admin/AdminPage'));

/** Calls `load` once and keeps its promise, so an early start and React.lazy share the download. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}

function NotFound() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        This address doesn&apos;t lead anywhere. To join a session, open the link your clinic sent
        you.
      </p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </main>
  );
}

export function App() {
  const route = matchRoute(usePathname());
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          Loading…
        </p>
      }
    >
      {route.name === 'home' && <HomePage />}
      {route.name === 'room' && <CallPage key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'join' && <JoinPage />}
      {route.name === 'login' && <LoginPage />}
      {route.name === 'clinician' && <TodayPage />}
      {route.name === 'console' && (
        <ConsolePage key={route.sessionId} sessionId={route.sessionId} />
      )}
      {route.name === 'roster' && <RosterPage key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'admin' && <AdminPage section={route.section} />}
      {route.name === 'notFound' && <NotFound />}
    </Suspense>
  );
}

import { lazy, Suspense } from 'react';
import { usePathname } from './router/history';
import { Link } from './router/Link';
import { matchRoute } from './router/routes';

// One chunk per page: a patient opening a room link never downloads the home page, and
// the home page never downloads the media engine.
const HomePage = lazy(() => import('./features/home/HomePage'));
const CallPage = lazy(() => import('./features/session/CallPage'));

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
    <Suspense fallback={<p className="loading">Loading…</p>}>
      {route.name === 'home' && <HomePage />}
      {route.name === 'room' && <CallPage key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'notFound' && <NotFound />}
    </Suspense>
  );
}

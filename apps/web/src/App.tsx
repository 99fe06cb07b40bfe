import { lazy, Suspense, type ComponentType } from 'react';
import { usePathname } from './router/history';
import { Link } from './router/Link';
import { matchRoute } from './router/routes';
// After the router: imported first, it moves Vite's preload helper out of this entry chunk
// into a chunk of its own, one more download on a patient's path.
import { preloadTexts, textsReady } from './i18n';

// One chunk per page: a patient opening a link downloads only the join path, never the
// clinician console or the admin pages, and the home page never downloads the media engine.
// A page shows once its texts are here in the chosen language (at once in English), so a
// Spanish speaker never sees it in English first.
const HomePage = lazy(withTexts(() => import('./features/home/HomePage')));
const callPage = preloadable(() => import('./features/session/CallPage'));
const joinPage = preloadable(() => import('./features/join/JoinPage'));
const CallPage = callPage.Page;
const JoinPage = joinPage.Page;

// A patient's page starts downloading while React starts, not after its first render,
// and a room link's call connects before that page renders. A Spanish speaker's texts for
// the page (and, from the invitation, for the call that follows) download alongside.
const first = matchRoute(window.location.pathname);
const firstPage =
  first.name === 'room'
    ? Promise.all([
        callPage.load().then((page) => page.startRoomCall(first.sessionId)),
        preloadTexts(['features/session/', 'ui/']),
      ])
    : first.name === 'join'
      ? Promise.all([joinPage.load(), preloadTexts(['features/join/', 'features/session/', 'ui/'])])
      : null;

/**
 * Resolves when the page of the address the app opened on is downloaded (at once for
 * pages not loaded ahead), so that the first render shows it without suspending.
 */
export function firstPageLoaded(): Promise<void> {
  return (firstPage ?? Promise.resolve()).then(
    () => undefined,
    () => undefined, // React.lazy reports the failure when the page renders.
  );
}
const LoginPage = lazy(withTexts(() => import('./features/staff/LoginPage')));
const TodayPage = lazy(withTexts(() => import('./features/clinician/TodayPage')));
const ConsolePage = lazy(withTexts(() => import('./features/clinician/ConsolePage')));
const RosterPage = lazy(withTexts(() => import('./features/clinician/RosterPage')));
const AdminPage = lazy(withTexts(() => import('./features/admin/AdminPage')));

/** Loads a page's module, then the texts of the catalogs it declared in the chosen language. */
function withTexts<T>(load: () => Promise<T>): () => Promise<T> {
  return () => load().then((module) => textsReady().then(() => module));
}

/** Calls `load` once and keeps its promise, so an early start and React.lazy share the download. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}

/**
 * A page whose chunk may be downloaded before React asks for it. Once the chunk is here,
 * the page renders without suspending: a Suspense boundary that showed its fallback
 * reveals the page only some 300 ms later (React throttles fallbacks), which a patient
 * opening a link would wait for. Before that, it is an ordinary lazy page. `load` resolves
 * with the page's module, for what else it exports.
 */
function preloadable<P extends object, M extends object>(
  importPage: () => Promise<M & { default: ComponentType<P> }>,
): { load: () => Promise<M>; Page: ComponentType<P> } {
  let Loaded: ComponentType<P> | null = null;
  const load = once(() =>
    withTexts(importPage)().then((module) => {
      Loaded = module.default;
      return module;
    }),
  );
  const Lazy = lazy(load);
  function Page(props: P) {
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { load, Page };
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

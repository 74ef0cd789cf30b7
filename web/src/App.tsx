// The shell: who is logged in, the top bar with navigation by role, the page for the
// current route, the reason prompt, and going back to login when the session ends.
import { useEffect, useState } from 'preact/hooks';
import { configureApi, currentSession, logout, type ReasonRequest } from './api';
import { AdminUsersPage } from './AdminUsers';
import { DirectoryPage } from './DirectoryPage';
import { AuditHome, ChildAuditPage } from './AuditPages';
import { ChildPage } from './ChildPage';
import { humanise } from './format';
import { LoginPage } from './LoginPage';
import { ChangePasswordPage } from './ChangePasswordPage';
import { navFor, readsChildren } from './nav';
import { AgencyChecksPage } from './AgencyChecksPage';
import { MashQueuePage } from './MashQueuePage';
import { MisuseReviewsPage } from './MisuseReviews';
import { MyWorkPage } from './MyWork';
import { DashboardPage } from './Dashboard';
import { ReasonPrompt } from './ReasonPrompt';
import { currentPath, navigate, type Route, useRoute } from './router';
import { forgetSearch, SearchPage } from './SearchPage';
import { ChildLookupsPage, NotificationsPage, SignpostingPage } from './SignpostingPages';
import type { Principal, SessionInfo } from './types';

type SessionState = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: SessionInfo };

interface PendingReason {
  request: ReasonRequest;
  resolve: (reason: string | null) => void;
}

function titleOf(route: Route): string {
  switch (route.name) {
    case 'search':
    case 'home':
      return 'Find a child';
    case 'audit':
      return 'Audit';
    case 'child-audit':
      return `Access history of child ${route.id}`;
    case 'login':
      return 'Log in';
    case 'mash':
      return 'MASH front door';
    case 'mash-checks':
      return 'Checks for your agency';
    case 'signposting':
      return 'Signposting';
    case 'notifications':
      return 'Lookups of my children';
    case 'child-lookups':
      return `Signposting lookups of child ${route.id}`;
    case 'misuse-reviews':
      return 'Misuse reviews';
    case 'users':
      return 'Users';
    case 'directory':
      return 'Directory';
    case 'my-work':
      return 'My work';
    case 'dashboard':
      return 'Dashboard';
    case 'child':
      return 'Child';
    default:
      return 'Not found';
  }
}

function Page({ route, user }: { route: Route; user: Principal }) {
  switch (route.name) {
    case 'home':
      if (user.role === 'auditor') return <AuditHome />;
      if (readsChildren(user)) return <SearchPage />;
      if (user.role === 'administrator') return <AdminUsersPage me={user} />;
      return (
        <div>
          <h1 tabIndex={-1}>Safehub</h1>
          <p>Your role ({humanise(user.role)}) does not read children's records.</p>
        </div>
      );
    case 'search':
      return <SearchPage />;
    case 'child':
      return <ChildPage key={route.id} id={route.id} user={user} />;
    case 'audit':
      return <AuditHome />;
    case 'child-audit':
      return <ChildAuditPage id={route.id} />;
    case 'child-lookups':
      return <ChildLookupsPage key={route.id} id={route.id} />;
    case 'mash':
      return <MashQueuePage user={user} />;
    case 'mash-checks':
      return <AgencyChecksPage />;
    case 'signposting':
      return <SignpostingPage />;
    case 'notifications':
      return <NotificationsPage />;
    case 'misuse-reviews':
      return <MisuseReviewsPage />;
    case 'users':
      return <AdminUsersPage me={user} />;
    case 'directory':
      return <DirectoryPage />;
    case 'my-work':
      return <MyWorkPage user={user} />;
    case 'dashboard':
      return <DashboardPage user={user} />;
    default:
      return (
        <div>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            There is no page here. <a href="/">Go to the start</a>.
          </p>
        </div>
      );
  }
}

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>({ state: 'checking' });
  const [notice, setNotice] = useState('');
  const [returnTo, setReturnTo] = useState('');
  const [pending, setPending] = useState<PendingReason | null>(null);

  useEffect(() => {
    configureApi({
      onUnauthenticated: (message) => {
        setReturnTo(currentPath());
        setNotice(`Your session has ended (${message}). Log in again to carry on.`);
        setPending(null);
        forgetSearch();
        setSession({ state: 'out' });
      },
      askReason: (request) => new Promise((resolve) => setPending({ request, resolve })),
    });
    currentSession()
      .then((s) => setSession(s ? { state: 'in', session: s } : { state: 'out' }))
      .catch(() => setSession({ state: 'out' }));
  }, []);

  useEffect(() => {
    if (route.name !== 'child') document.title = `${titleOf(route)} — Safehub`;
    if (route.name === 'login' && session.state === 'in') navigate('/', { replace: true });
  }, [route, session]);

  if (session.state === 'checking') {
    return (
      <p class="loading" role="status">
        Starting Safehub…
      </p>
    );
  }

  if (session.state === 'out') {
    return (
      <>
        <header class="topbar">
          <span class="brand">Safehub</span>
        </header>
        <main id="main">
          <LoginPage
            notice={notice}
            onLoggedIn={(s) => {
              setSession({ state: 'in', session: s });
              setNotice('');
              const target = returnTo && !returnTo.startsWith('/login') ? returnTo : '/';
              setReturnTo('');
              navigate(target, { replace: true });
            }}
          />
        </main>
      </>
    );
  }

  const user = session.session.user;

  const doLogout = async () => {
    try {
      await logout();
    } catch {
      // the session is gone either way
    }
    forgetSearch();
    setNotice('You have logged out.');
    setReturnTo('');
    setSession({ state: 'out' });
    navigate('/login', { replace: true });
  };

  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' : undefined);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          Safehub
        </a>
        <nav aria-label="Main">
          <ul>
            {(session.session.must_change_password ? [] : navFor(user)).map(([href, label, names]) => (
              <li key={href}>
                <a href={href} aria-current={current(names)}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span data-testid="who">
            {user.username} <span class="muted">({humanise(user.role)}, {user.scope} scope)</span>
          </span>
          <button type="button" onClick={doLogout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.session.must_change_password ? (
          <ChangePasswordPage
            username={user.username}
            onChanged={() => setSession({ state: 'in', session: { ...session.session, must_change_password: false } })}
          />
        ) : (
          <Page route={route} user={user} />
        )}
      </main>
      {pending && (
        <ReasonPrompt
          request={pending.request}
          onDone={(reason) => {
            pending.resolve(reason);
            setPending(null);
          }}
        />
      )}
    </>
  );
}

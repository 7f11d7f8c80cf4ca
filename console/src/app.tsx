import { useEffect, useRef } from 'preact/hooks';
import { identity, signIn, signOut } from './auth';
import { CallbackPage } from './pages/callback';
import { DocsPage } from './pages/docs';
import { DonorPage, PaymentPage, PledgePage } from './pages/donor';
import { DocumentPage, DocumentsPage } from './pages/documents';
import { EditorTasksPage } from './pages/editor';
import { ContributionsPage } from './pages/finance/contributions';
import { DonorsPage } from './pages/finance/donors';
import { RatesPage } from './pages/finance/rates';
import { RemindersPage } from './pages/finance/reminders';
import { SummaryPage } from './pages/finance/summary';
import { HomePage } from './pages/home';
import { SessionPlanPage } from './pages/plan';
import { PublishedPage } from './pages/published';
import { SubmitPage } from './pages/submit';
import { Link, useLocation } from './ui/router';

interface PageSpec {
  path: RegExp;
  title: string;
  /** Roles that see it in the menu; none: everyone. */
  roles?: string[];
  menu?: string;
  href?: string;
  render: (match: RegExpExecArray) => preact.JSX.Element;
}

const PAGES: PageSpec[] = [
  { path: /^\/$/, title: 'Home', render: () => <HomePage /> },
  { path: /^\/callback$/, title: 'Signing in', render: () => <CallbackPage /> },
  { path: /^\/published$/, href: '/published', title: 'Published documents', menu: 'Published documents', render: () => <PublishedPage /> },
  { path: /^\/docs$/, href: '/docs', title: 'API documentation', menu: 'API documentation', render: () => <DocsPage /> },
  { path: /^\/secretariat\/documents$/, href: '/secretariat/documents', title: 'Documents', roles: ['secretariat', 'editor'], menu: 'Documents', render: () => <DocumentsPage /> },
  { path: /^\/secretariat\/documents\/new$/, href: '/secretariat/documents/new', title: 'Submit a document', roles: ['secretariat'], menu: 'Submit a document', render: () => <SubmitPage /> },
  { path: /^\/secretariat\/documents\/([^/]+)$/, title: 'Document', render: (m) => <DocumentPage id={decodeURIComponent(m[1])} /> },
  { path: /^\/secretariat\/sessions$/, href: '/secretariat/sessions', title: 'Session plan', roles: ['secretariat', 'editor'], menu: 'Session plan', render: () => <SessionPlanPage /> },
  { path: /^\/editor\/tasks$/, href: '/editor/tasks', title: 'Editing tasks', roles: ['editor'], menu: 'Editing tasks', render: () => <EditorTasksPage /> },
  { path: /^\/finance\/contributions$/, href: '/finance/contributions', title: 'Contributions', roles: ['finance'], menu: 'Contributions', render: () => <ContributionsPage /> },
  { path: /^\/finance\/reminders$/, href: '/finance/reminders', title: 'Reminders', roles: ['finance'], menu: 'Reminders', render: () => <RemindersPage /> },
  { path: /^\/finance\/rates$/, href: '/finance/rates', title: 'Exchange rates', roles: ['finance'], menu: 'Exchange rates', render: () => <RatesPage /> },
  { path: /^\/finance\/donors$/, href: '/finance/donors', title: 'Donors', roles: ['finance'], menu: 'Donors', render: () => <DonorsPage /> },
  { path: /^\/finance\/summary$/, href: '/finance/summary', title: 'Yearly summary', roles: ['finance'], menu: 'Yearly summary', render: () => <SummaryPage /> },
  { path: /^\/donor$/, href: '/donor', title: 'Statement', roles: ['donor'], menu: 'Statement', render: () => <DonorPage /> },
  { path: /^\/donor\/pledge$/, href: '/donor/pledge', title: 'Record a pledge', roles: ['donor'], menu: 'Record a pledge', render: () => <PledgePage /> },
  { path: /^\/donor\/payment$/, href: '/donor/payment', title: 'Report a payment', roles: ['donor'], menu: 'Report a payment', render: () => <PaymentPage /> },
];

export function App() {
  const { path } = useLocation();
  const who = identity();
  const found = PAGES.map((page) => ({ page, match: page.path.exec(path) })).find((candidate) => candidate.match);
  const title = found?.page.title ?? 'Not found';
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = `${title} · UNODC secretariat`;
  }, [title]);
  const menu = PAGES.filter((page) => page.menu && (!page.roles || page.roles.some((role) => who?.roles.includes(role))));
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <p class="brand">
          <Link href="/">UNODC · Cybercrime Convention secretariat</Link>
        </p>
        <nav aria-label="Main">
          <ul>
            {menu.map((page) => (
              <li key={page.menu}>
                <Link href={page.href ?? '/'} {...(page.path.exec(path) ? { 'aria-current': 'page' as const } : {})}>
                  {page.menu}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {who ? (
            <>
              <span>
                Signed in as {who.subject} ({who.roles.join(', ')}
                {who.donorId ? `, donor ${who.donorId}` : ''})
              </span>
              <button type="button" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void signIn(location.pathname + location.search)}>
              Sign in
            </button>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <h1>{title}</h1>
        {found?.match ? found.page.render(found.match) : <p>There is no page at {path}.</p>}
      </main>
    </>
  );
}

import { identity } from '../auth';
import { Link } from '../ui/router';

const START: Record<string, { href: string; label: string }> = {
  secretariat: { href: '/secretariat/documents', label: 'Documents by session' },
  editor: { href: '/editor/tasks', label: 'Open editing tasks' },
  finance: { href: '/finance/contributions', label: 'Contributions to confirm' },
  donor: { href: '/donor', label: 'Your statement' },
};

export function HomePage() {
  const who = identity();
  const starts = (who?.roles ?? []).map((role) => START[role] as { href: string; label: string } | undefined).filter((start) => start !== undefined);
  return (
    <section>
      <p>
        The documentation chain of the Conference of the States Parties (translation, editing, publication) and the article 56 account
        (pledges, contributions, receipts).
      </p>
      <ul>
        <li>
          <Link href="/published">Published documents</Link>, by session, in every official language (no sign-in needed).
        </li>
        <li>
          <Link href="/docs">The API</Link>, for translation services and other systems.
        </li>
        {starts.map((start) => (
          <li key={start.href}>
            <Link href={start.href}>{start.label}</Link>
          </li>
        ))}
      </ul>
      {who ? null : <p>Sign in to work on documents or the account.</p>}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Language, Page, Problem, Result } from '../api/client';

/** The problem the API answered: its title and detail, and each field's message. */
export function ProblemView({ problem }: { problem: Problem }) {
  return (
    <div class="problem" role="alert">
      <p class="problem-title">{problem.title}</p>
      <p>{problem.detail}</p>
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              <code>{error.path}</code>: {error.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** The options of a select, each value shown as itself unless `label` names it. */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label?: (value: T) => ComponentChildren }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label ? label(value) : value}
        </option>
      ))}
    </>
  );
}

/** Each official language named in its own script. */
export const LANGUAGES: Record<Language, { name: string; dir: 'rtl' | 'ltr' }> = {
  ar: { name: 'العربية', dir: 'rtl' },
  zh: { name: '中文', dir: 'ltr' },
  en: { name: 'English', dir: 'ltr' },
  fr: { name: 'Français', dir: 'ltr' },
  ru: { name: 'Русский', dir: 'ltr' },
  es: { name: 'Español', dir: 'ltr' },
};
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

/**
 * A document's (or a publication's) entry for one language: the API lists only the languages
 * it has, though its schema types the map as complete.
 */
export function entryFor<T>(languages: Record<string, T>, code: Language): T | undefined {
  const entries: Partial<Record<string, T>> = languages;
  return entries[code];
}

export function LanguageName({ code }: { code: Language }) {
  return (
    <span lang={code} dir={LANGUAGES[code].dir}>
      {LANGUAGES[code].name}
    </span>
  );
}

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; problem: Problem } | { state: 'ready'; data: T };

/** Loads once per key; `reload` fetches again (after an action changed the data). */
export function useLoad<T>(load: () => Promise<Result<T>>, key: string): Loaded<T> & { reload: () => void } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setValue({ state: 'loading' });
    void load().then((result) => {
      if (current) setValue(result.ok ? { state: 'ready', data: result.data } : { state: 'failed', problem: result.problem });
    });
    return () => {
      current = false;
    };
  }, [key, round]);
  return { ...value, reload: () => setRound((r) => r + 1) };
}

/** What was loaded, in its state: loading, the problem (or what `failed` shows instead), or the data. */
export function Resource<T>(props: { what: string; loaded: Loaded<T>; failed?: (problem: Problem) => ComponentChildren; children: (data: T) => ComponentChildren }) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading what={props.what} />;
  if (loaded.state === 'failed') return <>{props.failed ? props.failed(loaded.problem) : <ProblemView problem={loaded.problem} />}</>;
  return <>{props.children(loaded.data)}</>;
}

/**
 * A list that pages with the API's cursors: the cursors of the pages before are kept, so the
 * reader can go back as well as on.
 */
export function usePaged<T>(load: (cursor: string | undefined) => Promise<Result<Page<T>>>, key: string) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [key]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => load(cursor), `${key}|${cursor ?? ''}`);
  return {
    page,
    pageNumber: cursors.length,
    next: page.state === 'ready' && page.data.nextCursor ? () => setCursors([...cursors, page.data.nextCursor ?? undefined]) : undefined,
    previous: cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : undefined,
  };
}

export function Pager(props: { pageNumber: number; next?: () => void; previous?: () => void }) {
  if (!props.next && !props.previous) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" onClick={props.previous} disabled={!props.previous}>
        Previous page
      </button>
      <span>Page {props.pageNumber}</span>
      <button type="button" onClick={props.next} disabled={!props.next}>
        Next page
      </button>
    </nav>
  );
}

/** A paged list with its loading, failure and empty states. */
export function PagedList<T>(props: {
  what: string;
  empty: string;
  paged: ReturnType<typeof usePaged<T>>;
  render: (items: T[]) => ComponentChildren;
}) {
  return (
    <div>
      <Resource what={props.what} loaded={props.paged.page}>
        {(page) => (page.items.length === 0 ? <Empty>{props.empty}</Empty> : props.render(page.items))}
      </Resource>
      <Pager pageNumber={props.paged.pageNumber} next={props.paged.next} previous={props.paged.previous} />
    </div>
  );
}

/** For a list whose items act (confirm, decide): what the last action did, and the round that reloads the list after it. */
export function useOutcome() {
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState('');
  return {
    round,
    message,
    done: (told: string) => {
      setMessage(told);
      setRound((r) => r + 1);
    },
  };
}

/** Said above the list, which the acted-on item leaves when it reloads. */
export function OutcomeStatus({ message }: { message: string }) {
  return (
    <p role="status" class="done">
      {message}
    </p>
  );
}

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

/** The messages of a problem for one field: `errors[].path` equal to the field's path or under it. */
export function fieldMessages(problem: Problem | undefined, field: string): string[] {
  return (problem?.errors ?? []).filter((error) => error.path === field || error.path.startsWith(`${field}.`)).map((error) => error.message);
}

/** A labelled input with the API's messages for its field tied to it (aria-describedby). */
export function Field(props: {
  id: string;
  label: string;
  field: string;
  problem?: Problem;
  hint?: string;
  children: (attributes: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const messages = fieldMessages(props.problem, props.field);
  const described = [props.hint ? `${props.id}-hint` : '', messages.length ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.children({ id: props.id, 'aria-invalid': messages.length > 0, ...(described ? { 'aria-describedby': described } : {}) })}
      {messages.length ? (
        <span class="field-error" id={`${props.id}-error`}>
          {messages.join('; ')}
        </span>
      ) : null}
    </div>
  );
}

/** The problems whose path names no field shown on the form. */
export function unplaced(problem: Problem | undefined, fields: string[]): Problem | undefined {
  if (!problem) return undefined;
  const errors = (problem.errors ?? []).filter((error) => !fields.some((field) => error.path === field || error.path.startsWith(`${field}.`)));
  return { ...problem, errors };
}

/** Money as the API gives it, a decimal string, grouped for reading; never through a float. */
export function Money({ amount, currency }: { amount: string | undefined; currency: string }) {
  if (amount === undefined) return <span>—</span>;
  const negative = amount.startsWith('-');
  const [whole, ...decimals] = (negative ? amount.slice(1) : amount).split('.');
  const fraction = decimals.length ? decimals.join('.') : undefined;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (
    <span class="money">
      {negative ? '−' : ''}
      {grouped}
      {fraction !== undefined ? `.${fraction}` : ''} {currency}
    </span>
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

/** A form field's text, trimmed; '' when absent (or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

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
  const { page } = props.paged;
  return (
    <div>
      {page.state === 'loading' ? <Loading what={props.what} /> : null}
      {page.state === 'failed' ? <ProblemView problem={page.problem} /> : null}
      {page.state === 'ready' ? (page.data.items.length === 0 ? <Empty>{props.empty}</Empty> : props.render(page.data.items)) : null}
      <Pager pageNumber={props.paged.pageNumber} next={props.paged.next} previous={props.paged.previous} />
    </div>
  );
}

/** The outcome of a form's submission: nothing yet, sending, the problem, or done. */
export type Submission = { state: 'idle' } | { state: 'sending' } | { state: 'failed'; problem: Problem } | { state: 'done'; message: string };

export function SubmissionStatus({ submission, fields }: { submission: Submission; fields: string[] }) {
  if (submission.state === 'sending') return <p role="status">Sending…</p>;
  if (submission.state === 'done') return <p role="status" class="done">{submission.message}</p>;
  if (submission.state === 'failed') {
    const rest = unplaced(submission.problem, fields);
    return rest ? <ProblemView problem={rest} /> : null;
  }
  return null;
}

export const problemOf = (submission: Submission): Problem | undefined => (submission.state === 'failed' ? submission.problem : undefined);

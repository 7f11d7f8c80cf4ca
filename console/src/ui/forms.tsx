import type { ComponentChildren, TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { type Problem, type Result, newIdempotencyKey } from '../api/client';
import { ProblemView } from './components';

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
function unplaced(problem: Problem | undefined, fields: string[]): Problem | undefined {
  if (!problem) return undefined;
  const errors = (problem.errors ?? []).filter((error) => !fields.some((field) => error.path === field || error.path.startsWith(`${field}.`)));
  return { ...problem, errors };
}

/** A form field's text, trimmed; '' when absent (or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A form's submit handler: the page stays, and `handle` gets what was typed and the form (to reset it). */
export function handleSubmit(handle: (form: FormData, element: HTMLFormElement) => void) {
  return (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    handle(new FormData(event.currentTarget), event.currentTarget);
  };
}

/** Rows the person adds to a form one at a time (a month's currencies, a pledge's installments). */
export function useRows<T extends object>(initial: T[], blank: T) {
  const [rows, setRows] = useState(initial);
  return {
    rows,
    update: (index: number, change: Partial<T>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row))),
    add: () => setRows([...rows, blank]),
  };
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

const problemOf = (submission: Submission): Problem | undefined => (submission.state === 'failed' ? submission.problem : undefined);

/**
 * A form's submission and its Idempotency-Key, kept until the API accepts it: a retried click
 * replays instead of creating twice, and the next creation gets a fresh key.
 */
export function useSubmission() {
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key, setKey] = useState(newIdempotencyKey);
  return {
    submission,
    problem: problemOf(submission),
    /** `done` gives the message to show; undefined where the caller tells the outcome itself. */
    send: <T,>(call: (key: string) => Promise<Result<T>>, done: (data: T) => string | undefined): void => {
      setSubmission({ state: 'sending' });
      void call(key).then((result) => {
        if (!result.ok) return setSubmission({ state: 'failed', problem: result.problem });
        setKey(newIdempotencyKey());
        const message = done(result.data);
        if (message !== undefined) setSubmission({ state: 'done', message });
      });
    },
  };
}

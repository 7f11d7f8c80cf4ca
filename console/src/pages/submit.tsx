import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, newIdempotencyKey, run } from '../api/client';
import { Field, LANGUAGES, LANGUAGE_CODES, LanguageName, type Submission, SubmissionStatus, fieldMessages, problemOf, formText } from '../ui/components';
import { Link } from '../ui/router';

type Submitted = Schemas['DocumentSubmission'];
const CATEGORIES: Submitted['category'][] = ['pre-session', 'in-session', 'post-session', 'publication', 'website'];
const ORIGINS: Submitted['origin'][] = ['secretariat', 'member-state', 'other'];
const FIELDS = ['symbol', 'title', 'category', 'session', 'originalLanguage', 'targetLanguages', 'wordCount', 'origin', 'printRun', 'sourceUri'];

/** What the person typed, as the API's body: empty fields are left out, and the API says what is wrong. */
function bodyOf(form: FormData): Submitted {
  const text = (name: string) => {
    const value = formText(form, name);
    return value === '' ? undefined : value;
  };
  const integer = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : Number(value);
  };
  const targets = form.getAll('targetLanguages').map(String);
  const sessionCode = text('sessionCode');
  const startsOn = text('sessionStartsOn');
  const copies = integer('copies');
  const body = {
    symbol: text('symbol'),
    title: text('title'),
    category: text('category'),
    ...(sessionCode || startsOn ? { session: { code: sessionCode, startsOn } } : {}),
    originalLanguage: text('originalLanguage'),
    ...(targets.length ? { targetLanguages: targets } : {}),
    wordCount: integer('wordCount'),
    origin: text('origin'),
    ...(copies !== undefined ? { printRun: { copies } } : {}),
    ...(text('sourceUri') ? { sourceUri: text('sourceUri') } : {}),
  };
  // Typed as the contract's body: what is missing or malformed is the API's to name, field by field.
  return body as Submitted;
}

export function SubmitPage() {
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [created, setCreated] = useState<Schemas['Document']>();
  const [key, setKey] = useState(newIdempotencyKey);
  const problem = problemOf(submission);
  const [original, setOriginal] = useState<Language>('en');
  return (
    <form
      class="card"
      noValidate
      aria-describedby="submit-intro"
      onSubmit={(event) => {
        event.preventDefault();
        const body = bodyOf(new FormData(event.currentTarget));
        setSubmission({ state: 'sending' });
        void run(api().POST('/documents', { body, params: { header: { 'Idempotency-Key': key } } })).then((result) => {
          if (result.ok) {
            setCreated(result.data);
            setKey(newIdempotencyKey());
            setSubmission({ state: 'done', message: `${result.data.symbol} was submitted: ${result.data.status}.` });
          } else setSubmission({ state: 'failed', problem: result.problem });
        });
      }}
    >
      <p id="submit-intro">Translation starts when the document is submitted: one job per target language.</p>
      <Field id="symbol" label="Symbol" field="symbol" problem={problem} hint="A UN symbol, e.g. CTOC/COSP/2027/1">
        {(attributes) => <input {...attributes} name="symbol" autoComplete="off" />}
      </Field>
      <Field id="title" label="Title" field="title" problem={problem}>
        {(attributes) => <input {...attributes} name="title" />}
      </Field>
      <Field id="category" label="Category" field="category" problem={problem}>
        {(attributes) => (
          <select {...attributes} name="category" defaultValue="pre-session">
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Session</legend>
        {fieldMessages(problem, 'session').length && !fieldMessages(problem, 'session.code').length && !fieldMessages(problem, 'session.startsOn').length ? (
          <span class="field-error">{fieldMessages(problem, 'session').join('; ')}</span>
        ) : null}
        <Field id="session-code" label="Session code" field="session.code" problem={problem} hint="e.g. COSP-1">
          {(attributes) => <input {...attributes} name="sessionCode" />}
        </Field>
        <Field id="session-starts-on" label="Opening day" field="session.startsOn" problem={problem}>
          {(attributes) => <input {...attributes} name="sessionStartsOn" type="date" />}
        </Field>
      </fieldset>
      <Field id="original-language" label="Original language" field="originalLanguage" problem={problem}>
        {(attributes) => (
          <select {...attributes} name="originalLanguage" value={original} onChange={(event) => setOriginal(event.currentTarget.value as Language)}>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGES[code].name} ({code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset aria-describedby={fieldMessages(problem, 'targetLanguages').length ? 'target-languages-error' : 'target-languages-hint'}>
        <legend>Target languages</legend>
        <span class="hint" id="target-languages-hint">
          None ticked: every official language other than the original.
        </span>
        {LANGUAGE_CODES.filter((code) => code !== original).map((code) => (
          <span class="check" key={code}>
            <input type="checkbox" id={`target-${code}`} name="targetLanguages" value={code} />
            <label for={`target-${code}`}>
              <LanguageName code={code} />
            </label>
          </span>
        ))}
        {fieldMessages(problem, 'targetLanguages').length ? (
          <span class="field-error" id="target-languages-error">
            {fieldMessages(problem, 'targetLanguages').join('; ')}
          </span>
        ) : null}
      </fieldset>
      <Field id="word-count" label="Word count" field="wordCount" problem={problem}>
        {(attributes) => <input {...attributes} name="wordCount" inputMode="numeric" />}
      </Field>
      <Field id="origin" label="Origin" field="origin" problem={problem}>
        {(attributes) => (
          <select {...attributes} name="origin" defaultValue="secretariat">
            {ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {origin}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="copies" label="Printed copies (optional)" field="printRun" problem={problem}>
        {(attributes) => <input {...attributes} name="copies" inputMode="numeric" />}
      </Field>
      <Field id="source-uri" label="Source URI (optional)" field="sourceUri" problem={problem} hint="Where translators fetch the original: https: or s3:">
        {(attributes) => <input {...attributes} name="sourceUri" type="url" />}
      </Field>
      <button type="submit">Submit the document</button>
      <SubmissionStatus submission={submission} fields={FIELDS} />
      {created ? (
        <p>
          <Link href={`/secretariat/documents/${encodeURIComponent(created.id)}`}>Open {created.symbol}</Link>
        </p>
      ) : null}
    </form>
  );
}

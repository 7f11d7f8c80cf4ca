import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, run } from '../api/client';
import { CategoryField, InputField, OriginField, OriginalLanguageField, TargetLanguages } from '../ui/fields';
import { SubmissionStatus, fieldMessages, formText, handleSubmit, useSubmission } from '../ui/forms';
import { Link } from '../ui/router';

type Submitted = Schemas['DocumentSubmission'];
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
  const { submission, problem, send } = useSubmission();
  const [created, setCreated] = useState<Schemas['Document']>();
  const [original, setOriginal] = useState<Language>('en');
  return (
    <form
      class="card"
      noValidate
      aria-describedby="submit-intro"
      onSubmit={handleSubmit((form) => {
        const body = bodyOf(form);
        send(
          (key) => run(api().POST('/documents', { body, params: { header: { 'Idempotency-Key': key } } })),
          (data) => {
            setCreated(data);
            return `${data.symbol} was submitted: ${data.status}.`;
          },
        );
      })}
    >
      <p id="submit-intro">Translation starts when the document is submitted: one job per target language.</p>
      <InputField id="symbol" label="Symbol" name="symbol" problem={problem} hint="A UN symbol, e.g. CTOC/COSP/2027/1" autoComplete="off" />
      <InputField id="title" label="Title" name="title" problem={problem} />
      <CategoryField id="category" problem={problem} />
      <fieldset>
        <legend>Session</legend>
        {fieldMessages(problem, 'session').length && !fieldMessages(problem, 'session.code').length && !fieldMessages(problem, 'session.startsOn').length ? (
          <span class="field-error">{fieldMessages(problem, 'session').join('; ')}</span>
        ) : null}
        <InputField id="session-code" label="Session code" name="sessionCode" field="session.code" problem={problem} hint="e.g. COSP-1" />
        <InputField id="session-starts-on" label="Opening day" name="sessionStartsOn" field="session.startsOn" problem={problem} type="date" />
      </fieldset>
      <OriginalLanguageField id="original-language" value={original} onChange={setOriginal} problem={problem} />
      <TargetLanguages idPrefix="target" original={original} problem={problem} />
      <InputField id="word-count" label="Word count" name="wordCount" problem={problem} inputMode="numeric" />
      <OriginField id="origin" problem={problem} />
      <InputField id="copies" label="Printed copies (optional)" name="copies" field="printRun" problem={problem} inputMode="numeric" />
      <InputField id="source-uri" label="Source URI (optional)" name="sourceUri" problem={problem} hint="Where translators fetch the original: https: or s3:" type="url" />
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

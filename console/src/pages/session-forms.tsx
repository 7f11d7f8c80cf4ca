import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, newIdempotencyKey, run } from '../api/client';
import { Field, LANGUAGES, LANGUAGE_CODES, type Submission, SubmissionStatus, TargetLanguages, formText, problemOf } from '../ui/components';

type Planned = Schemas['PlannedSession'];
type Forecast = Schemas['SlotForecast'];
const CATEGORIES: Forecast['category'][] = ['pre-session', 'in-session', 'post-session', 'publication', 'website'];
const ORIGINS: Forecast['origin'][] = ['secretariat', 'member-state', 'other'];
const SESSION_FIELDS = ['title', 'startsOn', 'endsOn', 'venue'];
const SLOT_FIELDS = ['title', 'category', 'originalLanguage', 'targetLanguages', 'expectedWords', 'expectedSubmissionOn', 'origin', 'symbol', 'mandate'];

/** What the person typed: empty fields are left out, and the API says what is wrong, field by field. */
function textsOf(form: FormData, names: string[]): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const name of names) if (formText(form, name) !== '') texts[name] = formText(form, name);
  return texts;
}

/** Plans (or re-plans) the session of the page's code: title, dates and venue. */
export function PlanSessionForm({ code, planned, onDone }: { code: string; planned?: Planned; onDone: () => void }) {
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const problem = problemOf(submission);
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="plan-session-heading"
      onSubmit={(event) => {
        event.preventDefault();
        // Typed as the contract's body: what is missing or malformed is the API's to name.
        const body = textsOf(new FormData(event.currentTarget), ['title', 'startsOn', 'endsOn', 'venue']) as Schemas['SessionPlanning'];
        setSubmission({ state: 'sending' });
        void run(api().PUT('/sessions/{code}', { params: { path: { code } }, body })).then((result) => {
          setSubmission(result.ok ? { state: 'done', message: `${result.data.code} is planned: ${result.data.title}.` } : { state: 'failed', problem: result.problem });
          if (result.ok) onDone();
        });
      }}
    >
      <h2 id="plan-session-heading">{planned ? `Re-plan ${code}` : `Plan ${code}`}</h2>
      <Field id="session-title" label="Session title" field="title" problem={problem}>
        {(attributes) => <input {...attributes} name="title" defaultValue={planned?.title} />}
      </Field>
      <Field id="session-starts-on" label="Opening day" field="startsOn" problem={problem}>
        {(attributes) => <input {...attributes} name="startsOn" type="date" defaultValue={planned?.startsOn} />}
      </Field>
      <Field id="session-ends-on" label="Closing day (optional)" field="endsOn" problem={problem}>
        {(attributes) => <input {...attributes} name="endsOn" type="date" defaultValue={planned?.endsOn} />}
      </Field>
      <Field id="session-venue" label="Venue (optional)" field="venue" problem={problem}>
        {(attributes) => <input {...attributes} name="venue" defaultValue={planned?.venue} />}
      </Field>
      <button type="submit">{planned ? 'Re-plan the session' : 'Plan the session'}</button>
      <SubmissionStatus submission={submission} fields={SESSION_FIELDS} />
    </form>
  );
}

function slotBody(form: FormData): Forecast {
  const texts = textsOf(form, ['title', 'category', 'originalLanguage', 'expectedWords', 'expectedSubmissionOn', 'origin', 'symbol', 'mandate']);
  const targets = form.getAll('targetLanguages').map(String);
  const body = { ...texts, ...(texts.expectedWords ? { expectedWords: Number(texts.expectedWords) } : {}), ...(targets.length ? { targetLanguages: targets } : {}) };
  return body as Forecast;
}

/** Forecasts a document of the session: its expected words and the day its manuscript is expected. */
export function AddSlotForm({ code, onDone }: { code: string; onDone: () => void }) {
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key, setKey] = useState(newIdempotencyKey);
  const [original, setOriginal] = useState<Language>('en');
  const problem = problemOf(submission);
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="add-slot-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const body = slotBody(new FormData(form));
        setSubmission({ state: 'sending' });
        void run(api().POST('/sessions/{code}/slots', { params: { path: { code }, header: { 'Idempotency-Key': key } }, body })).then((result) => {
          if (result.ok) {
            setKey(newIdempotencyKey());
            // Ready for the next slot.
            form.reset();
            setOriginal('en');
            setSubmission({ state: 'done', message: `Slot "${result.data.title}" is forecast for ${result.data.expectedSubmissionOn}.` });
            onDone();
          } else setSubmission({ state: 'failed', problem: result.problem });
        });
      }}
    >
      <h2 id="add-slot-heading">Add a slot</h2>
      <Field id="slot-title" label="Document title" field="title" problem={problem}>
        {(attributes) => <input {...attributes} name="title" />}
      </Field>
      <Field id="slot-symbol" label="Symbol (optional)" field="symbol" problem={problem}>
        {(attributes) => <input {...attributes} name="symbol" autoComplete="off" />}
      </Field>
      <Field id="slot-category" label="Category" field="category" problem={problem}>
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
      <Field id="slot-original-language" label="Original language" field="originalLanguage" problem={problem}>
        {(attributes) => (
          <select {...attributes} name="originalLanguage" value={original} onChange={(event) => setOriginal(event.currentTarget.value as Language)}>
            {LANGUAGE_CODES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGES[language].name} ({language})
              </option>
            ))}
          </select>
        )}
      </Field>
      <TargetLanguages idPrefix="slot-target" original={original} problem={problem} />
      <Field id="slot-expected-words" label="Expected words" field="expectedWords" problem={problem}>
        {(attributes) => <input {...attributes} name="expectedWords" inputMode="numeric" />}
      </Field>
      <Field id="slot-expected-on" label="Manuscript expected on" field="expectedSubmissionOn" problem={problem}>
        {(attributes) => <input {...attributes} name="expectedSubmissionOn" type="date" />}
      </Field>
      <Field id="slot-origin" label="Origin" field="origin" problem={problem}>
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
      <Field id="slot-mandate" label="Mandate (optional)" field="mandate" problem={problem} hint="The resolution or decision that requests the document">
        {(attributes) => <input {...attributes} name="mandate" />}
      </Field>
      <button type="submit">Add the slot</button>
      <SubmissionStatus submission={submission} fields={SLOT_FIELDS} />
    </form>
  );
}

import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, run } from '../api/client';
import { CategoryField, InputField, OriginField, OriginalLanguageField, TargetLanguages } from '../ui/fields';
import { SubmissionStatus, formText, handleSubmit, useSubmission } from '../ui/forms';

type Planned = Schemas['PlannedSession'];
type Forecast = Schemas['SlotForecast'];
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
  const { submission, problem, send } = useSubmission();
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="plan-session-heading"
      onSubmit={handleSubmit((form) => {
        // Typed as the contract's body: what is missing or malformed is the API's to name.
        const body = textsOf(form, ['title', 'startsOn', 'endsOn', 'venue']) as Schemas['SessionPlanning'];
        send(
          () => run(api().PUT('/sessions/{code}', { params: { path: { code } }, body })),
          (data) => {
            onDone();
            return `${data.code} is planned: ${data.title}.`;
          },
        );
      })}
    >
      <h2 id="plan-session-heading">{planned ? `Re-plan ${code}` : `Plan ${code}`}</h2>
      <InputField id="session-title" label="Session title" name="title" problem={problem} defaultValue={planned?.title} />
      <InputField id="session-starts-on" label="Opening day" name="startsOn" problem={problem} type="date" defaultValue={planned?.startsOn} />
      <InputField id="session-ends-on" label="Closing day (optional)" name="endsOn" problem={problem} type="date" defaultValue={planned?.endsOn} />
      <InputField id="session-venue" label="Venue (optional)" name="venue" problem={problem} defaultValue={planned?.venue} />
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
  const { submission, problem, send } = useSubmission();
  const [original, setOriginal] = useState<Language>('en');
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="add-slot-heading"
      onSubmit={handleSubmit((typed, form) => {
        const body = slotBody(typed);
        send(
          (key) => run(api().POST('/sessions/{code}/slots', { params: { path: { code }, header: { 'Idempotency-Key': key } }, body })),
          (data) => {
            // Ready for the next slot.
            form.reset();
            setOriginal('en');
            onDone();
            return `Slot "${data.title}" is forecast for ${data.expectedSubmissionOn}.`;
          },
        );
      })}
    >
      <h2 id="add-slot-heading">Add a slot</h2>
      <InputField id="slot-title" label="Document title" name="title" problem={problem} />
      <InputField id="slot-symbol" label="Symbol (optional)" name="symbol" problem={problem} autoComplete="off" />
      <CategoryField id="slot-category" problem={problem} />
      <OriginalLanguageField id="slot-original-language" value={original} onChange={setOriginal} problem={problem} />
      <TargetLanguages idPrefix="slot-target" original={original} problem={problem} />
      <InputField id="slot-expected-words" label="Expected words" name="expectedWords" problem={problem} inputMode="numeric" />
      <InputField id="slot-expected-on" label="Manuscript expected on" name="expectedSubmissionOn" problem={problem} type="date" />
      <OriginField id="slot-origin" problem={problem} />
      <InputField id="slot-mandate" label="Mandate (optional)" name="mandate" problem={problem} hint="The resolution or decision that requests the document" />
      <button type="submit">Add the slot</button>
      <SubmissionStatus submission={submission} fields={SLOT_FIELDS} />
    </form>
  );
}

import type { Language, Problem, Schemas } from '../api/client';
import { LANGUAGES, LANGUAGE_CODES, LanguageName, Options } from './components';
import { Field, fieldMessages } from './forms';

type Named = { id: string; label: string; name: string; /** The API's path for it; its name if not given. */ field?: string; problem?: Problem; hint?: string };

// One member per input type: preact types an input's attributes by its type.
type InputKind = { type?: 'text' } | { type: 'date' } | { type: 'url' };

/** An input the form reads by its name (FormData), with the API's messages for its field. */
export function InputField({ id, label, name, field = name, problem, hint, ...input }: Named & InputKind & { inputMode?: 'decimal' | 'numeric'; autoComplete?: 'off'; defaultValue?: string }) {
  return (
    <Field id={id} label={label} field={field} problem={problem} hint={hint}>
      {(attributes) => <input {...attributes} name={name} {...input} />}
    </Field>
  );
}

/** An input whose value the page holds (a row being added, an amount to confirm). */
export function ValueField({ id, label, field, problem, value, onValue, ...input }: { id: string; label: string; field: string; problem?: Problem; value: string; onValue: (value: string) => void; inputMode?: 'decimal' } & InputKind) {
  return (
    <Field id={id} label={label} field={field} problem={problem}>
      {(attributes) => <input {...attributes} {...input} value={value} onInput={(event) => onValue(event.currentTarget.value)} />}
    </Field>
  );
}

/** A select of fixed values, each shown as itself. */
export function SelectField<T extends string>({ id, label, name, field = name, problem, hint, values, defaultValue }: Named & { values: readonly T[]; defaultValue: T }) {
  return (
    <Field id={id} label={label} field={field} problem={problem} hint={hint}>
      {(attributes) => (
        <select {...attributes} name={name} defaultValue={defaultValue}>
          <Options values={values} />
        </select>
      )}
    </Field>
  );
}

type Submitted = Schemas['DocumentSubmission'];
const CATEGORIES: Submitted['category'][] = ['pre-session', 'in-session', 'post-session', 'publication', 'website'];
const ORIGINS: Submitted['origin'][] = ['secretariat', 'member-state', 'other'];

/** A document's (or a forecast slot's) category, `category` on the form and in the API. */
export function CategoryField({ id, problem }: { id: string; problem?: Problem }) {
  return <SelectField id={id} label="Category" name="category" problem={problem} values={CATEGORIES} defaultValue="pre-session" />;
}

/** Who a document (or a forecast slot) comes from, `origin` on the form and in the API. */
export function OriginField({ id, problem }: { id: string; problem?: Problem }) {
  return <SelectField id={id} label="Origin" name="origin" problem={problem} values={ORIGINS} defaultValue="secretariat" />;
}

/** The original language, held by the form: the target languages offered are the others. */
export function OriginalLanguageField({ id, value, onChange, problem }: { id: string; value: Language; onChange: (language: Language) => void; problem?: Problem }) {
  return (
    <Field id={id} label="Original language" field="originalLanguage" problem={problem}>
      {(attributes) => (
        <select {...attributes} name="originalLanguage" value={value} onChange={(event) => onChange(event.currentTarget.value as Language)}>
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGES[code].name} ({code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The target-language checkboxes of a form, with the API's messages for `targetLanguages`. */
export function TargetLanguages({ idPrefix, original, problem }: { idPrefix: string; original: Language; problem?: Problem }) {
  const messages = fieldMessages(problem, 'targetLanguages');
  return (
    <fieldset aria-describedby={messages.length ? `${idPrefix}-languages-error` : `${idPrefix}-languages-hint`}>
      <legend>Target languages</legend>
      <span class="hint" id={`${idPrefix}-languages-hint`}>
        None ticked: every official language other than the original.
      </span>
      {LANGUAGE_CODES.filter((code) => code !== original).map((code) => (
        <span class="check" key={code}>
          <input type="checkbox" id={`${idPrefix}-${code}`} name="targetLanguages" value={code} />
          <label for={`${idPrefix}-${code}`}>
            <LanguageName code={code} />
          </label>
        </span>
      ))}
      {messages.length ? (
        <span class="field-error" id={`${idPrefix}-languages-error`}>
          {messages.join('; ')}
        </span>
      ) : null}
    </fieldset>
  );
}

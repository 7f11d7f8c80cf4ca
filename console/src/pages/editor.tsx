import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, run } from '../api/client';
import { Field, LANGUAGES, LANGUAGE_CODES, LanguageName, PagedList, type Submission, SubmissionStatus, problemOf, usePaged, formText } from '../ui/components';
import { setQuery, useLocation } from '../ui/router';

function Decision({ task, onDone }: { task: Schemas['EditingTask']; onDone: (message: string) => void }) {
  const [comments, setComments] = useState('');
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const id = `comments-${task.taskId}`;
  const decide = (decision: 'approve' | 'revise') => {
    setSubmission({ state: 'sending' });
    void run(api().POST('/editing-tasks/{taskId}/decision', { params: { path: { taskId: task.taskId } }, body: { decision, ...(comments ? { comments } : {}) } })).then((result) => {
      if (result.ok) onDone(`${task.symbol} (${LANGUAGES[task.language].name}): ${decision === 'approve' ? 'approved' : 'sent back for revision'}.`);
      else setSubmission({ state: 'failed', problem: result.problem });
    });
  };
  return (
    <form class="card task" aria-label={`Editing task ${task.symbol} ${LANGUAGES[task.language].name}`} onSubmit={(event) => event.preventDefault()}>
      <h2>
        {task.symbol} — <LanguageName code={task.language} />
      </h2>
      <p>
        Round {task.round}
        {task.uri ? (
          <>
            , translation: <a href={task.uri}>{task.uri}</a>
          </>
        ) : null}
      </p>
      <Field id={id} label="Comments for the translator" field="comments" problem={problemOf(submission)}>
        {(attributes) => <textarea {...attributes} value={comments} onInput={(event) => setComments(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="button" onClick={() => decide('approve')} disabled={submission.state === 'sending'}>
          Approve
        </button>
        <button type="button" class="secondary" onClick={() => decide('revise')} disabled={submission.state === 'sending'}>
          Revise
        </button>
      </div>
      <SubmissionStatus submission={submission} fields={['comments']} />
    </form>
  );
}

/** Open editing tasks, by language; approve, or revise with comments. */
export function EditorTasksPage() {
  const { query } = useLocation();
  const language = (query.get('language') ?? '') as Language | '';
  const [round, setRound] = useState(0);
  const [outcome, setOutcome] = useState('');
  const paged = usePaged<Schemas['EditingTask']>(
    (cursor) => run(api().GET('/editing-tasks', { params: { query: { status: 'open', ...(language ? { language } : {}), ...(cursor ? { cursor } : {}) } } })),
    `tasks|${language}|${round}`,
  );
  return (
    <section>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ language: formText(new FormData(event.currentTarget), 'language') });
        }}
      >
        <label for="tasks-language">Language</label>
        <select id="tasks-language" name="language" defaultValue={language}>
          <option value="">all</option>
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGES[code].name} ({code})
            </option>
          ))}
        </select>
        <button type="submit">Show</button>
      </form>
      <p role="status" class="done">
        {outcome}
      </p>
      <PagedList
        what="editing tasks"
        empty="No open editing tasks."
        paged={paged}
        render={(items) => (
          <div class="tasks">
            {items.map((task) => (
              <Decision
                key={task.taskId}
                task={task}
                onDone={(message) => {
                  setOutcome(message);
                  setRound((r) => r + 1);
                }}
              />
            ))}
          </div>
        )}
      />
    </section>
  );
}

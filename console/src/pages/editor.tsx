import { useState } from 'preact/hooks';
import { type Language, type Schemas, api, run } from '../api/client';
import { LANGUAGES, LANGUAGE_CODES, LanguageName, Options, OutcomeStatus, PagedList, useOutcome, usePaged } from '../ui/components';
import { FilterSelect, Filters } from '../ui/filters';
import { Field, SubmissionStatus, useSubmission } from '../ui/forms';
import { useLocation } from '../ui/router';

function Decision({ task, onDone }: { task: Schemas['EditingTask']; onDone: (message: string) => void }) {
  const [comments, setComments] = useState('');
  const { submission, problem, send } = useSubmission();
  const id = `comments-${task.taskId}`;
  const decide = (decision: 'approve' | 'revise') =>
    send(
      () => run(api().POST('/editing-tasks/{taskId}/decision', { params: { path: { taskId: task.taskId } }, body: { decision, ...(comments ? { comments } : {}) } })),
      () => {
        // The list says the outcome: this task leaves it as it reloads.
        onDone(`${task.symbol} (${LANGUAGES[task.language].name}): ${decision === 'approve' ? 'approved' : 'sent back for revision'}.`);
        return undefined;
      },
    );
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
      <Field id={id} label="Comments for the translator" field="comments" problem={problem}>
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
  const outcome = useOutcome();
  const paged = usePaged<Schemas['EditingTask']>(
    (cursor) => run(api().GET('/editing-tasks', { params: { query: { status: 'open', ...(language ? { language } : {}), ...(cursor ? { cursor } : {}) } } })),
    `tasks|${language}|${outcome.round}`,
  );
  return (
    <section>
      <Filters>
        <FilterSelect id="tasks-language" label="Language" name="language" value={language}>
          <option value="">all</option>
          <Options values={LANGUAGE_CODES} label={(code) => `${LANGUAGES[code].name} (${code})`} />
        </FilterSelect>
      </Filters>
      <OutcomeStatus message={outcome.message} />
      <PagedList
        what="editing tasks"
        empty="No open editing tasks."
        paged={paged}
        render={(items) => (
          <div class="tasks">
            {items.map((task) => (
              <Decision key={task.taskId} task={task} onDone={outcome.done} />
            ))}
          </div>
        )}
      />
    </section>
  );
}

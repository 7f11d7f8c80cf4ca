import { useState } from 'preact/hooks';
import { type Schemas, api, run } from '../api/client';
import { identity } from '../auth';
import { Empty, Field, entryFor, LANGUAGE_CODES, LanguageName, Loading, PagedList, ProblemView, type Submission, SubmissionStatus, problemOf, useLoad, usePaged, formText } from '../ui/components';
import { Link, setQuery, useLocation } from '../ui/router';

type DocumentStatus = Schemas['Document']['status'];
const STATUSES: DocumentStatus[] = ['in-translation', 'in-editing', 'published', 'printing', 'completed', 'withdrawn', 'failed'];

function Flags({ flags }: { flags: Schemas['Document']['flags'] }) {
  if (flags.length === 0) return <span class="muted">none</span>;
  return (
    <ul class="flags">
      {flags.map((flag) => (
        <li key={flag} class={`flag flag-${flag}`}>
          {flag}
        </li>
      ))}
    </ul>
  );
}

/** Documents by session: status, deadlines and flags as the API computed them, and each language's status. */
export function DocumentsPage() {
  const { query } = useLocation();
  const session = query.get('session') ?? '';
  const status = (query.get('status') ?? '') as DocumentStatus | '';
  const paged = usePaged<Schemas['Document']>(
    (cursor) => run(api().GET('/documents', { params: { query: { ...(session ? { session } : {}), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } })),
    `documents|${session}|${status}`,
  );
  return (
    <section>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setQuery({ session: formText(form, 'session'), status: formText(form, 'status') });
        }}
      >
        <label for="documents-session">Session</label>
        <input id="documents-session" name="session" defaultValue={session} placeholder="COSP-1" />
        <label for="documents-status">Status</label>
        <select id="documents-status" name="status" defaultValue={status}>
          <option value="">any</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button type="submit">Show</button>
      </form>
      <PagedList
        what="documents"
        empty="No documents match."
        paged={paged}
        render={(items) => (
          <div class="table-scroll">
            <table class="matrix">
              <caption>Documents{session ? ` of ${session}` : ''}, newest first, with the status of each language</caption>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Submission due</th>
                  <th scope="col">Issuance due</th>
                  <th scope="col">Flags</th>
                  {LANGUAGE_CODES.map((code) => (
                    <th scope="col" key={code}>
                      <LanguageName code={code} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((document) => (
                  <tr key={document.id}>
                    <th scope="row">
                      <Link href={`/secretariat/documents/${encodeURIComponent(document.id)}`}>{document.symbol}</Link>
                    </th>
                    <td>{document.title}</td>
                    <td>{document.status}</td>
                    <td>{document.deadlines?.submissionDue ?? '—'}</td>
                    <td>{document.deadlines?.issuanceDue ?? '—'}</td>
                    <td>
                      <Flags flags={document.flags} />
                    </td>
                    {LANGUAGE_CODES.map((code) => (
                      <td key={code} class={`language-status status-${entryFor(document.languages, code)?.status ?? 'none'}`}>
                        {entryFor(document.languages, code)?.status ?? '—'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      />
    </section>
  );
}

function Withdrawal({ document, onDone }: { document: Schemas['Document']; onDone: () => void }) {
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [reason, setReason] = useState('');
  if (!identity()?.roles.includes('secretariat') || ['withdrawn', 'completed', 'failed'].includes(document.status)) return null;
  return (
    <form
      class="card"
      aria-labelledby="withdraw-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmission({ state: 'sending' });
        void run(api().POST('/documents/{id}/withdraw', { params: { path: { id: document.id } }, body: reason ? { reason } : {} })).then((result) => {
          setSubmission(result.ok ? { state: 'done', message: `${result.data.symbol} is withdrawn.` } : { state: 'failed', problem: result.problem });
          if (result.ok) onDone();
        });
      }}
    >
      <h2 id="withdraw-heading">Withdraw</h2>
      <p>Withdrawing closes the document's open translation jobs and tasks.</p>
      <Field id="withdraw-reason" label="Reason (optional)" field="reason" problem={problemOf(submission)}>
        {(attributes) => <textarea {...attributes} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <button type="submit" class="danger">
        Withdraw {document.symbol}
      </button>
      <SubmissionStatus submission={submission} fields={['reason']} />
    </form>
  );
}

/** One document: what the API says of it now, and its history as a timeline. */
export function DocumentPage({ id }: { id: string }) {
  const document = useLoad(() => run(api().GET('/documents/{id}', { params: { path: { id } } })), `document|${id}`);
  const history = useLoad(() => run(api().GET('/documents/{id}/history', { params: { path: { id } } })), `history|${id}|${document.state === 'ready' ? document.data.updatedAt : ''}`);
  if (document.state === 'loading') return <Loading what="the document" />;
  if (document.state === 'failed') return <ProblemView problem={document.problem} />;
  const doc = document.data;
  return (
    <section>
      <h2>
        {doc.symbol} — {doc.title}
      </h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd data-testid="document-status">{doc.status}</dd>
        <dt>Category</dt>
        <dd>{doc.category}</dd>
        {doc.session ? (
          <>
            <dt>Session</dt>
            <dd>
              {doc.session.code}, opening {doc.session.startsOn}
            </dd>
          </>
        ) : null}
        <dt>Submission due</dt>
        <dd>{doc.deadlines?.submissionDue ?? '—'}</dd>
        <dt>Issuance due</dt>
        <dd>{doc.deadlines?.issuanceDue ?? '—'}</dd>
        <dt>Flags</dt>
        <dd>
          <Flags flags={doc.flags} />
        </dd>
        <dt>Words</dt>
        <dd>{doc.wordCount}</dd>
      </dl>
      <table>
        <caption>Languages</caption>
        <thead>
          <tr>
            <th scope="col">Language</th>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
          </tr>
        </thead>
        <tbody>
          {LANGUAGE_CODES.map((code) => ({ code, entry: entryFor(doc.languages, code) })).map(({ code, entry }) =>
            entry ? (
              <tr key={code}>
                <th scope="row">
                  <LanguageName code={code} />
                </th>
                <td>{entry.status}</td>
                <td>{entry.uri ? <a href={entry.uri}>{entry.uri}</a> : '—'}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
      <Withdrawal document={doc} onDone={document.reload} />
      <h2>History</h2>
      {history.state === 'loading' ? <Loading what="the history" /> : null}
      {history.state === 'failed' ? <ProblemView problem={history.problem} /> : null}
      {history.state === 'ready' ? (
        history.data.items.length === 0 ? (
          <Empty>Nothing has happened yet.</Empty>
        ) : (
          <ol class="timeline">
            {history.data.items.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <time dateTime={event.at}>{event.at}</time> <strong>{event.event}</strong>
                {event.language ? (
                  <>
                    {' '}
                    (<LanguageName code={event.language} />)
                  </>
                ) : null}{' '}
                by {event.actor}
                {event.detail ? <span class="detail"> — {event.detail}</span> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}

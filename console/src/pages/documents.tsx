import { useState } from 'preact/hooks';
import { type Schemas, api, run } from '../api/client';
import { identity } from '../auth';
import { Empty, entryFor, LANGUAGE_CODES, LanguageName, type Loaded, Options, PagedList, Resource, useLoad, usePaged } from '../ui/components';
import { FilterInput, FilterSelect, Filters } from '../ui/filters';
import { Field, SubmissionStatus, handleSubmit, useSubmission } from '../ui/forms';
import { Link, useLocation } from '../ui/router';
import { Table } from '../ui/table';

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
      <Filters>
        <FilterInput id="documents-session" label="Session" name="session" value={session} placeholder="COSP-1" />
        <FilterSelect id="documents-status" label="Status" name="status" value={status}>
          <option value="">any</option>
          <Options values={STATUSES} />
        </FilterSelect>
      </Filters>
      <PagedList
        what="documents"
        empty="No documents match."
        paged={paged}
        render={(items) => (
          <div class="table-scroll">
            <Table
              class="matrix"
              caption={`Documents${session ? ` of ${session}` : ''}, newest first, with the status of each language`}
              columns={['Symbol', 'Title', 'Status', 'Submission due', 'Issuance due', 'Flags', ...LANGUAGE_CODES.map((code) => <LanguageName code={code} />)]}
            >
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
            </Table>
          </div>
        )}
      />
    </section>
  );
}

function Withdrawal({ document, onDone }: { document: Schemas['Document']; onDone: () => void }) {
  const { submission, problem, send } = useSubmission();
  const [reason, setReason] = useState('');
  if (!identity()?.roles.includes('secretariat') || ['withdrawn', 'completed', 'failed'].includes(document.status)) return null;
  return (
    <form
      class="card"
      aria-labelledby="withdraw-heading"
      onSubmit={handleSubmit(() =>
        send(
          () => run(api().POST('/documents/{id}/withdraw', { params: { path: { id: document.id } }, body: reason ? { reason } : {} })),
          (data) => {
            onDone();
            return `${data.symbol} is withdrawn.`;
          },
        ),
      )}
    >
      <h2 id="withdraw-heading">Withdraw</h2>
      <p>Withdrawing closes the document's open translation jobs and tasks.</p>
      <Field id="withdraw-reason" label="Reason (optional)" field="reason" problem={problem}>
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
  return (
    <Resource what="the document" loaded={document}>
      {(doc) => <DocumentView doc={doc} history={history} onWithdrawn={document.reload} />}
    </Resource>
  );
}

function DocumentView({ doc, history, onWithdrawn }: { doc: Schemas['Document']; history: Loaded<{ items: Schemas['HistoryEvent'][] }>; onWithdrawn: () => void }) {
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
      <Table caption="Languages" columns={['Language', 'Status', 'Version']}>
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
      </Table>
      <Withdrawal document={doc} onDone={onWithdrawn} />
      <h2>History</h2>
      <Resource what="the history" loaded={history}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>Nothing has happened yet.</Empty>
          ) : (
            <ol class="timeline">
              {data.items.map((event, index) => (
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
        }
      </Resource>
    </section>
  );
}

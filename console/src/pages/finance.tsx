import { useEffect, useState } from 'preact/hooks';
import { type Schemas, api, newIdempotencyKey, run } from '../api/client';
import { Empty, Field, Loading, Money, PagedList, ProblemView, type Submission, SubmissionStatus, problemOf, useLoad, usePaged, formText } from '../ui/components';
import { Link, setQuery, useLocation } from '../ui/router';

type Contribution = Schemas['Contribution'];
const CONTRIBUTION_STATUSES: Contribution['status'][] = ['reported', 'received', 'rejected'];

function Confirmation({ contribution, onDone }: { contribution: Contribution; onDone: (message: string) => void }) {
  const [receivedAmount, setReceivedAmount] = useState(contribution.amount);
  const [receivedOn, setReceivedOn] = useState('');
  const [reason, setReason] = useState('');
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key] = useState(newIdempotencyKey);
  const id = contribution.contributionId;
  const problem = problemOf(submission);
  const finish = (result: Awaited<ReturnType<typeof run<Contribution>>>) => {
    if (result.ok) onDone(result.data.status === 'received' ? `${result.data.reference}: received, receipt ${result.data.receipt?.number ?? ''}` : `${result.data.reference}: rejected`);
    else setSubmission({ state: 'failed', problem: result.problem });
  };
  return (
    <div class="card" role="group" aria-labelledby={`contribution-${id}`}>
      <h2 id={`contribution-${id}`}>
        {contribution.donorId}: <Money amount={contribution.amount} currency={contribution.currency} />, reference {contribution.reference}
      </h2>
      <p>
        Value date {contribution.valueDate}
        {contribution.pledgeId ? `, for pledge ${contribution.pledgeId}` : ''}
      </p>
      <form
        aria-label={`Confirm ${contribution.reference}`}
        onSubmit={(event) => {
          event.preventDefault();
          setSubmission({ state: 'sending' });
          void run(api().POST('/contributions/{id}/confirm', { params: { path: { id }, header: { 'Idempotency-Key': `${key}-confirm` } }, body: { receivedAmount, receivedOn } })).then(finish);
        }}
      >
        <Field id={`received-amount-${id}`} label={`Received amount (${contribution.currency})`} field="receivedAmount" problem={problem}>
          {(attributes) => <input {...attributes} inputMode="decimal" value={receivedAmount} onInput={(event) => setReceivedAmount(event.currentTarget.value)} />}
        </Field>
        <Field id={`received-on-${id}`} label="Received on" field="receivedOn" problem={problem}>
          {(attributes) => <input {...attributes} type="date" value={receivedOn} onInput={(event) => setReceivedOn(event.currentTarget.value)} />}
        </Field>
        <button type="submit">Confirm receipt</button>
      </form>
      <form
        aria-label={`Reject ${contribution.reference}`}
        onSubmit={(event) => {
          event.preventDefault();
          setSubmission({ state: 'sending' });
          void run(api().POST('/contributions/{id}/reject', { params: { path: { id }, header: { 'Idempotency-Key': `${key}-reject` } }, body: { reason } })).then(finish);
        }}
      >
        <Field id={`reject-reason-${id}`} label="Reason for rejecting" field="reason" problem={problem}>
          {(attributes) => <input {...attributes} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
        </Field>
        <button type="submit" class="danger">
          Reject
        </button>
      </form>
      <SubmissionStatus submission={submission} fields={['receivedAmount', 'receivedOn', 'reason']} />
    </div>
  );
}

function ContributionRow({ contribution }: { contribution: Contribution }) {
  return (
    <tr>
      <th scope="row">{contribution.reference}</th>
      <td>{contribution.donorId}</td>
      <td>
        <Money amount={contribution.amount} currency={contribution.currency} />
      </td>
      <td>{contribution.valueDate}</td>
      <td>{contribution.status}</td>
      <td>{contribution.amountUsd ? <Money amount={contribution.amountUsd} currency="USD" /> : '—'}</td>
      <td>{contribution.receipt?.number ?? '—'}</td>
    </tr>
  );
}

export function ContributionTable({ items, caption }: { items: Contribution[]; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Donor</th>
          <th scope="col">Amount</th>
          <th scope="col">Value date</th>
          <th scope="col">Status</th>
          <th scope="col">USD</th>
          <th scope="col">Receipt</th>
        </tr>
      </thead>
      <tbody>
        {items.map((contribution) => (
          <ContributionRow key={contribution.contributionId} contribution={contribution} />
        ))}
      </tbody>
    </table>
  );
}

/** Contributions to confirm (or reject); the received and rejected ones on request. */
export function ContributionsPage() {
  const { query } = useLocation();
  const status = (query.get('status') ?? 'reported') as Contribution['status'];
  const donorId = query.get('donorId') ?? '';
  const [round, setRound] = useState(0);
  const [outcome, setOutcome] = useState('');
  const paged = usePaged<Contribution>(
    (cursor) => run(api().GET('/contributions', { params: { query: { status, ...(donorId ? { donorId } : {}), ...(cursor ? { cursor } : {}) } } })),
    `contributions|${status}|${donorId}|${round}`,
  );
  return (
    <section>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setQuery({ status: formText(form, 'status'), donorId: formText(form, 'donorId') });
        }}
      >
        <label for="contributions-status">Status</label>
        <select id="contributions-status" name="status" defaultValue={status}>
          {CONTRIBUTION_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <label for="contributions-donor">Donor</label>
        <input id="contributions-donor" name="donorId" defaultValue={donorId} />
        <button type="submit">Show</button>
      </form>
      <p role="status" class="done">
        {outcome}
      </p>
      <PagedList
        what="contributions"
        empty={status === 'reported' ? 'No contributions wait for confirmation.' : `No ${status} contributions.`}
        paged={paged}
        render={(items) =>
          status === 'reported' ? (
            items.map((contribution) => (
              <Confirmation
                key={contribution.contributionId}
                contribution={contribution}
                onDone={(message) => {
                  setOutcome(message);
                  setRound((r) => r + 1);
                }}
              />
            ))
          ) : (
            <ContributionTable items={items} caption={`${status} contributions`} />
          )
        }
      />
    </section>
  );
}

/** Reminders the account raised: unconfirmed contributions and overdue installments. */
export function RemindersPage() {
  const paged = usePaged<Schemas['Reminder']>((cursor) => run(api().GET('/account/reminders', { params: { query: cursor ? { cursor } : {} } })), 'reminders');
  return (
    <PagedList
      what="reminders"
      empty="No reminders."
      paged={paged}
      render={(items) => (
        <ul class="reminders">
          {items.map((reminder) => (
            <li key={reminder.reminderId}>
              <time dateTime={reminder.raisedAt}>{reminder.raisedAt}</time> <strong>{reminder.type}</strong> — {reminder.donorId}: {reminder.message}
              {reminder.amount && reminder.currency ? (
                <>
                  {' '}
                  (<Money amount={reminder.amount} currency={reminder.currency} />)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    />
  );
}

function RatesTable({ rates, caption }: { rates: Record<string, string>; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col">Units per 1 USD</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(rates).map(([currency, rate]) => (
          <tr key={currency}>
            <th scope="row">{currency}</th>
            <td>{rate}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The operational rates of a month, with its revisions, and the form to set or revise them. */
export function RatesPage() {
  const { query } = useLocation();
  const month = query.get('month') ?? new Date().toISOString().slice(0, 7);
  const rates = useLoad(() => run(api().GET('/exchange-rates/{month}', { params: { path: { month } } })), `rates|${month}`);
  const [rows, setRows] = useState([{ currency: '', rate: '' }]);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const problem = problemOf(submission);
  return (
    <section>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ month: formText(new FormData(event.currentTarget), 'month') });
        }}
      >
        <label for="rates-month">Month</label>
        <input id="rates-month" name="month" defaultValue={month} placeholder="YYYY-MM" />
        <button type="submit">Show</button>
      </form>
      {rates.state === 'loading' ? <Loading what={`the rates of ${month}`} /> : null}
      {rates.state === 'failed' ? (rates.problem.status === 404 ? <Empty>No rates are set for {month}.</Empty> : <ProblemView problem={rates.problem} />) : null}
      {rates.state === 'ready' ? (
        <>
          <RatesTable rates={rates.data.rates} caption={`Rates of ${month} from its first day`} />
          {rates.data.revisions.map((revision) => (
            <RatesTable key={revision.effectiveFrom} rates={revision.rates} caption={`Revision in force from ${revision.effectiveFrom}`} />
          ))}
        </>
      ) : null}
      <form
        class="card"
        aria-labelledby="rates-form-heading"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmission({ state: 'sending' });
          const body = { rates: Object.fromEntries(rows.filter((row) => row.currency !== '').map((row) => [row.currency.trim().toUpperCase(), row.rate.trim()])), ...(effectiveFrom ? { effectiveFrom } : {}) };
          void run(api().PUT('/exchange-rates/{month}', { params: { path: { month } }, body })).then((result) => {
            setSubmission(result.ok ? { state: 'done', message: `The rates of ${month} are recorded.` } : { state: 'failed', problem: result.problem });
            if (result.ok) rates.reload();
          });
        }}
      >
        <h2 id="rates-form-heading">Set or revise the rates of {month}</h2>
        {rows.map((row, index) => (
          <div class="row" key={index}>
            <Field id={`rate-currency-${index}`} label="Currency" field={`rates.${row.currency}`} problem={problem}>
              {(attributes) => <input {...attributes} value={row.currency} onInput={(event) => setRows(rows.map((r, i) => (i === index ? { ...r, currency: event.currentTarget.value } : r)))} />}
            </Field>
            <Field id={`rate-value-${index}`} label="Units per 1 USD" field={`rates.${row.currency.toUpperCase()}`} problem={problem}>
              {(attributes) => <input {...attributes} inputMode="decimal" value={row.rate} onInput={(event) => setRows(rows.map((r, i) => (i === index ? { ...r, rate: event.currentTarget.value } : r)))} />}
            </Field>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setRows([...rows, { currency: '', rate: '' }])}>
          Add a currency
        </button>
        <Field id="rates-effective-from" label="In force from (a day of the month; empty: its first day)" field="effectiveFrom" problem={problem}>
          {(attributes) => <input {...attributes} type="date" value={effectiveFrom} onInput={(event) => setEffectiveFrom(event.currentTarget.value)} />}
        </Field>
        <button type="submit">Record the rates</button>
        <SubmissionStatus submission={submission} fields={['rates', 'effectiveFrom']} />
      </form>
    </section>
  );
}

const DONOR_TYPES: Schemas['Donor']['type'][] = ['member-state', 'intergovernmental', 'private', 'other'];

/** Donors, and the form to register one. */
export function DonorsPage() {
  const [round, setRound] = useState(0);
  const paged = usePaged<Schemas['Donor']>((cursor) => run(api().GET('/donors', { params: { query: cursor ? { cursor } : {} } })), `donors|${round}`);
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key, setKey] = useState(newIdempotencyKey);
  const problem = problemOf(submission);
  return (
    <section>
      <PagedList
        what="donors"
        empty="No donors are registered."
        paged={paged}
        render={(items) => (
          <table>
            <caption>Donors</caption>
            <thead>
              <tr>
                <th scope="col">Donor</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Statement</th>
              </tr>
            </thead>
            <tbody>
              {items.map((donor) => (
                <tr key={donor.donorId}>
                  <th scope="row">{donor.donorId}</th>
                  <td>{donor.name}</td>
                  <td>{donor.type}</td>
                  <td>
                    <Link href={`/donor?donorId=${encodeURIComponent(donor.donorId)}`}>Statement of {donor.donorId}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
      <form
        class="card"
        aria-labelledby="donor-form-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const body = { donorId: formText(form, 'donorId'), name: formText(form, 'name'), type: formText(form, 'type') as Schemas['Donor']['type'] };
          setSubmission({ state: 'sending' });
          void run(api().POST('/donors', { body, params: { header: { 'Idempotency-Key': key } } })).then((result) => {
            setSubmission(result.ok ? { state: 'done', message: `${result.data.donorId} is registered.` } : { state: 'failed', problem: result.problem });
            if (result.ok) {
              setKey(newIdempotencyKey());
              setRound((r) => r + 1);
            }
          });
        }}
      >
        <h2 id="donor-form-heading">Register a donor</h2>
        <Field id="donor-id" label="Donor id" field="donorId" problem={problem} hint="e.g. DE, EU, FOUNDATION-X">
          {(attributes) => <input {...attributes} name="donorId" />}
        </Field>
        <Field id="donor-name" label="Name" field="name" problem={problem}>
          {(attributes) => <input {...attributes} name="name" />}
        </Field>
        <Field id="donor-type" label="Type" field="type" problem={problem}>
          {(attributes) => (
            <select {...attributes} name="type" defaultValue="member-state">
              {DONOR_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Register</button>
        <SubmissionStatus submission={submission} fields={['donorId', 'name', 'type']} />
      </form>
    </section>
  );
}

/** A file the API answers (CSV, IATI XML), fetched with the person's token and offered as a download. */
function Download({ format, year, label }: { format: 'csv' | 'iati'; year: number; label: string }) {
  const [state, setState] = useState<{ url?: string; problem?: Schemas['Problem']; busy?: boolean }>({});
  useEffect(() => () => {
    if (state.url) URL.revokeObjectURL(state.url);
  }, [state.url]);
  const file = `article-56-${year}.${format === 'csv' ? 'csv' : 'xml'}`;
  return (
    <div class="download">
      <button
        type="button"
        disabled={state.busy}
        onClick={() => {
          setState({ busy: true });
          void run(api().GET('/account/export', { params: { query: { format, year } }, parseAs: 'blob' })).then((result) => {
            setState(result.ok ? { url: URL.createObjectURL(result.data) } : { problem: result.problem });
          });
        }}
      >
        Prepare {label}
      </button>
      {state.url ? (
        <a href={state.url} download={file}>
          Download {file}
        </a>
      ) : null}
      {state.problem ? <ProblemView problem={state.problem} /> : null}
    </div>
  );
}

/** The year's totals, by donor and by earmark, and the exports. */
export function SummaryPage() {
  const { query } = useLocation();
  const year = Number(query.get('year') ?? new Date().getUTCFullYear());
  const summary = useLoad(() => run(api().GET('/account/summary', { params: { query: { year } } })), `summary|${year}`);
  return (
    <section>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ year: formText(new FormData(event.currentTarget), 'year') });
        }}
      >
        <label for="summary-year">Year</label>
        <input id="summary-year" name="year" inputMode="numeric" defaultValue={String(year)} />
        <button type="submit">Show</button>
      </form>
      {summary.state === 'loading' ? <Loading what="the summary" /> : null}
      {summary.state === 'failed' ? <ProblemView problem={summary.problem} /> : null}
      {summary.state === 'ready' ? (
        <>
          <dl class="facts">
            <dt>Pledged</dt>
            <dd>
              <Money amount={summary.data.pledgedUsd} currency="USD" />
            </dd>
            <dt>Received</dt>
            <dd>
              <Money amount={summary.data.receivedUsd} currency="USD" />
            </dd>
            <dt>Outstanding</dt>
            <dd>
              <Money amount={summary.data.outstandingUsd} currency="USD" />
            </dd>
          </dl>
          {summary.data.byDonor.length === 0 ? (
            <Empty>Nothing was pledged or received in {year}.</Empty>
          ) : (
            <table>
              <caption>By donor, {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Donor</th>
                  <th scope="col">Pledged</th>
                  <th scope="col">Received</th>
                  <th scope="col">Outstanding</th>
                </tr>
              </thead>
              <tbody>
                {summary.data.byDonor.map((row) => (
                  <tr key={row.donorId}>
                    <th scope="row">{row.donorId}</th>
                    <td>
                      <Money amount={row.pledgedUsd} currency="USD" />
                    </td>
                    <td>
                      <Money amount={row.receivedUsd} currency="USD" />
                    </td>
                    <td>
                      <Money amount={row.outstandingUsd} currency="USD" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {summary.data.byEarmark.length ? (
            <table>
              <caption>By earmark, {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Earmark</th>
                  <th scope="col">Pledged</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {summary.data.byEarmark.map((row) => (
                  <tr key={row.earmark}>
                    <th scope="row">{row.earmark}</th>
                    <td>
                      <Money amount={row.pledgedUsd} currency="USD" />
                    </td>
                    <td>
                      <Money amount={row.receivedUsd} currency="USD" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <h2>Exports</h2>
          <Download format="csv" year={year} label="the CSV" />
          <Download format="iati" year={year} label="the IATI activity XML" />
        </>
      ) : null}
    </section>
  );
}

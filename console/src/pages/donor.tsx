import { useState } from 'preact/hooks';
import { type Schemas, api, newIdempotencyKey, run } from '../api/client';
import { identity } from '../auth';
import { Empty, Field, Loading, Money, PagedList, ProblemView, type Submission, SubmissionStatus, fieldMessages, problemOf, useLoad, usePaged, formText } from '../ui/components';
import { setQuery, useLocation } from '../ui/router';
import { ContributionTable } from './finance';

/** The donor this page is about: the signed-in donor's own, or (for finance) the one asked for. */
function useDonorId(): string {
  const { query } = useLocation();
  return query.get('donorId') ?? identity()?.donorId ?? '';
}

function PledgeTable({ items, caption }: { items: Schemas['Pledge'][]; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Pledge</th>
          <th scope="col">Pledged on</th>
          <th scope="col">Amount</th>
          <th scope="col">USD</th>
          <th scope="col">Earmark</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((pledge) => (
          <tr key={pledge.pledgeId}>
            <th scope="row">{pledge.pledgeId}</th>
            <td>{pledge.pledgedOn}</td>
            <td>
              <Money amount={pledge.amount} currency={pledge.currency} />
            </td>
            <td>
              <Money amount={pledge.amountUsd} currency="USD" />
            </td>
            <td>{pledge.earmark ?? '—'}</td>
            <td>{pledge.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A donor's statement for a year, its pledges and its contributions. */
export function DonorPage() {
  const donorId = useDonorId();
  const { query } = useLocation();
  const year = Number(query.get('year') ?? new Date().getUTCFullYear());
  const statement = useLoad(() => run(api().GET('/donors/{donorId}/statement', { params: { path: { donorId }, query: { year } } })), `statement|${donorId}|${year}`);
  const pledges = usePaged<Schemas['Pledge']>((cursor) => run(api().GET('/pledges', { params: { query: { donorId, ...(cursor ? { cursor } : {}) } } })), `pledges|${donorId}`);
  const contributions = usePaged<Schemas['Contribution']>((cursor) => run(api().GET('/contributions', { params: { query: { donorId, ...(cursor ? { cursor } : {}) } } })), `contributions|${donorId}`);
  if (!donorId) return <Empty>This sign-in names no donor.</Empty>;
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
        <label for="statement-year">Year</label>
        <input id="statement-year" name="year" inputMode="numeric" defaultValue={String(year)} />
        <button type="submit">Show</button>
      </form>
      <h2>
        Statement of {donorId}, {year}
      </h2>
      {statement.state === 'loading' ? <Loading what="the statement" /> : null}
      {statement.state === 'failed' ? <ProblemView problem={statement.problem} /> : null}
      {statement.state === 'ready' ? (
        <>
          <dl class="facts">
            <dt>Pledged</dt>
            <dd>
              <Money amount={statement.data.pledgedUsd} currency="USD" />
            </dd>
            <dt>Received</dt>
            <dd>
              <Money amount={statement.data.receivedUsd} currency="USD" />
            </dd>
            <dt>Outstanding</dt>
            <dd>
              <Money amount={statement.data.outstandingUsd} currency="USD" />
            </dd>
          </dl>
          {statement.data.contributions.length ? (
            <ContributionTable items={statement.data.contributions} caption={`Contributions received in ${year}, with their receipts`} />
          ) : (
            <Empty>No contribution was received in {year}.</Empty>
          )}
          {statement.data.overdueInstallments.length ? (
            <table>
              <caption>Overdue installments</caption>
              <thead>
                <tr>
                  <th scope="col">Pledge</th>
                  <th scope="col">Due on</th>
                  <th scope="col">Outstanding</th>
                </tr>
              </thead>
              <tbody>
                {statement.data.overdueInstallments.map((installment) => (
                  <tr key={`${installment.pledgeId}-${installment.dueOn}`}>
                    <th scope="row">{installment.pledgeId}</th>
                    <td>{installment.dueOn}</td>
                    <td>
                      <Money amount={installment.outstandingAmount} currency={installment.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
      <h2>Pledges</h2>
      <PagedList what="pledges" empty="No pledges." paged={pledges} render={(items) => <PledgeTable items={items} caption={`Pledges of ${donorId}`} />} />
      <h2>Contributions</h2>
      <PagedList what="contributions" empty="No contributions." paged={contributions} render={(items) => <ContributionTable items={items} caption={`Contributions of ${donorId}`} />} />
    </section>
  );
}

const text = formText;

/** Record a pledge, with installments if it is paid in parts (they must add up: the API says so if not). */
export function PledgePage() {
  const donorId = useDonorId();
  const [installments, setInstallments] = useState<{ dueOn: string; amount: string }[]>([]);
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key, setKey] = useState(newIdempotencyKey);
  const problem = problemOf(submission);
  return (
    <form
      class="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const earmark = text(form, 'earmark');
        const body = {
          donorId, amount: text(form, 'amount'), currency: text(form, 'currency').toUpperCase(), pledgedOn: text(form, 'pledgedOn'),
          ...(earmark ? { earmark } : {}),
          ...(installments.length ? { installments } : {}),
        };
        setSubmission({ state: 'sending' });
        void run(api().POST('/pledges', { body, params: { header: { 'Idempotency-Key': key } } })).then((result) => {
          if (result.ok) {
            setKey(newIdempotencyKey());
            setSubmission({ state: 'done', message: `Pledge ${result.data.pledgeId} is recorded: ${result.data.amount} ${result.data.currency} (${result.data.amountUsd} USD).` });
          } else setSubmission({ state: 'failed', problem: result.problem });
        });
      }}
    >
      <p>Pledge of {donorId}</p>
      <Field id="pledge-amount" label="Amount" field="amount" problem={problem} hint="A decimal amount in the currency's minor units, e.g. 250000.00">
        {(attributes) => <input {...attributes} name="amount" inputMode="decimal" />}
      </Field>
      <Field id="pledge-currency" label="Currency" field="currency" problem={problem} hint="ISO 4217, e.g. EUR">
        {(attributes) => <input {...attributes} name="currency" />}
      </Field>
      <Field id="pledge-date" label="Pledged on" field="pledgedOn" problem={problem}>
        {(attributes) => <input {...attributes} name="pledgedOn" type="date" />}
      </Field>
      <Field id="pledge-earmark" label="Earmark (optional)" field="earmark" problem={problem}>
        {(attributes) => <input {...attributes} name="earmark" />}
      </Field>
      <fieldset>
        <legend>Installments (optional)</legend>
        {fieldMessages(problem, 'installments').length ? <span class="field-error">{fieldMessages(problem, 'installments').join('; ')}</span> : null}
        {installments.map((installment, index) => (
          <div class="row" key={index}>
            <Field id={`installment-due-${index}`} label={`Installment ${index + 1} due on`} field={`installments.${index}.dueOn`} problem={problem}>
              {(attributes) => <input {...attributes} type="date" value={installment.dueOn} onInput={(event) => setInstallments(installments.map((item, i) => (i === index ? { ...item, dueOn: event.currentTarget.value } : item)))} />}
            </Field>
            <Field id={`installment-amount-${index}`} label={`Installment ${index + 1} amount`} field={`installments.${index}.amount`} problem={problem}>
              {(attributes) => <input {...attributes} inputMode="decimal" value={installment.amount} onInput={(event) => setInstallments(installments.map((item, i) => (i === index ? { ...item, amount: event.currentTarget.value } : item)))} />}
            </Field>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setInstallments([...installments, { dueOn: '', amount: '' }])}>
          Add an installment
        </button>
      </fieldset>
      <button type="submit">Record the pledge</button>
      <SubmissionStatus submission={submission} fields={['amount', 'currency', 'pledgedOn', 'earmark', 'installments']} />
    </form>
  );
}

/** Report a payment made (a contribution): finance confirms it when the money arrives, and issues the receipt. */
export function PaymentPage() {
  const donorId = useDonorId();
  const pledges = useLoad(() => run(api().GET('/pledges', { params: { query: { donorId, status: 'open', limit: 100 } } })), `open-pledges|${donorId}`);
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [key, setKey] = useState(newIdempotencyKey);
  const problem = problemOf(submission);
  return (
    <form
      class="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const pledgeId = text(form, 'pledgeId');
        const body = { donorId, amount: text(form, 'amount'), currency: text(form, 'currency').toUpperCase(), valueDate: text(form, 'valueDate'), reference: text(form, 'reference'), ...(pledgeId ? { pledgeId } : {}) };
        setSubmission({ state: 'sending' });
        void run(api().POST('/contributions', { body, params: { header: { 'Idempotency-Key': key } } })).then((result) => {
          if (result.ok) {
            setKey(newIdempotencyKey());
            setSubmission({ state: 'done', message: `Payment ${result.data.reference} is reported (${result.data.status}); finance confirms it when it arrives.` });
          } else setSubmission({ state: 'failed', problem: result.problem });
        });
      }}
    >
      <p>Payment by {donorId}</p>
      <Field id="payment-pledge" label="For pledge (optional)" field="pledgeId" problem={problem}>
        {(attributes) => (
          <select {...attributes} name="pledgeId" defaultValue="">
            <option value="">no pledge</option>
            {pledges.state === 'ready'
              ? pledges.data.items.map((pledge) => (
                  <option key={pledge.pledgeId} value={pledge.pledgeId}>
                    {pledge.pledgeId}: {pledge.amount} {pledge.currency}, {pledge.pledgedOn}
                  </option>
                ))
              : null}
          </select>
        )}
      </Field>
      <Field id="payment-amount" label="Amount" field="amount" problem={problem} hint="A decimal amount in the currency's minor units">
        {(attributes) => <input {...attributes} name="amount" inputMode="decimal" />}
      </Field>
      <Field id="payment-currency" label="Currency" field="currency" problem={problem}>
        {(attributes) => <input {...attributes} name="currency" />}
      </Field>
      <Field id="payment-value-date" label="Value date" field="valueDate" problem={problem}>
        {(attributes) => <input {...attributes} name="valueDate" type="date" />}
      </Field>
      <Field id="payment-reference" label="Bank reference" field="reference" problem={problem}>
        {(attributes) => <input {...attributes} name="reference" />}
      </Field>
      <button type="submit">Report the payment</button>
      <SubmissionStatus submission={submission} fields={['pledgeId', 'amount', 'currency', 'valueDate', 'reference']} />
    </form>
  );
}

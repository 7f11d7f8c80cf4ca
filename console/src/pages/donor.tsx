import { type Schemas, api, run } from '../api/client';
import { identity } from '../auth';
import { Empty, PagedList, Resource, useLoad, usePaged } from '../ui/components';
import { InputField, ValueField } from '../ui/fields';
import { YearFilter, useYear } from '../ui/filters';
import { Field, SubmissionStatus, fieldMessages, formText, handleSubmit, useRows, useSubmission } from '../ui/forms';
import { MoneyCell, UsdTotals } from '../ui/money';
import { useLocation } from '../ui/router';
import { Table } from '../ui/table';
import { ContributionTable } from './finance/contributions';

/** The donor this page is about: the signed-in donor's own, or (for finance) the one asked for. */
function useDonorId(): string {
  const { query } = useLocation();
  return query.get('donorId') ?? identity()?.donorId ?? '';
}

function PledgeTable({ items, caption }: { items: Schemas['Pledge'][]; caption: string }) {
  return (
    <Table caption={caption} columns={['Pledge', 'Pledged on', 'Amount', 'USD', 'Earmark', 'Status']}>
      {items.map((pledge) => (
        <tr key={pledge.pledgeId}>
          <th scope="row">{pledge.pledgeId}</th>
          <td>{pledge.pledgedOn}</td>
          <MoneyCell amount={pledge.amount} currency={pledge.currency} />
          <MoneyCell amount={pledge.amountUsd} currency="USD" />
          <td>{pledge.earmark ?? '—'}</td>
          <td>{pledge.status}</td>
        </tr>
      ))}
    </Table>
  );
}

/** A donor's statement for a year, its pledges and its contributions. */
export function DonorPage() {
  const donorId = useDonorId();
  const year = useYear();
  const statement = useLoad(() => run(api().GET('/donors/{donorId}/statement', { params: { path: { donorId }, query: { year } } })), `statement|${donorId}|${year}`);
  const pledges = usePaged<Schemas['Pledge']>((cursor) => run(api().GET('/pledges', { params: { query: { donorId, ...(cursor ? { cursor } : {}) } } })), `pledges|${donorId}`);
  const contributions = usePaged<Schemas['Contribution']>((cursor) => run(api().GET('/contributions', { params: { query: { donorId, ...(cursor ? { cursor } : {}) } } })), `contributions|${donorId}`);
  if (!donorId) return <Empty>This sign-in names no donor.</Empty>;
  return (
    <section>
      <YearFilter id="statement-year" year={year} />
      <h2>
        Statement of {donorId}, {year}
      </h2>
      <Resource what="the statement" loaded={statement}>
        {(data) => (
          <>
            <UsdTotals totals={data} />
            {data.contributions.length ? (
              <ContributionTable items={data.contributions} caption={`Contributions received in ${year}, with their receipts`} />
            ) : (
              <Empty>No contribution was received in {year}.</Empty>
            )}
            {data.overdueInstallments.length ? (
              <Table caption="Overdue installments" columns={['Pledge', 'Due on', 'Outstanding']}>
                {data.overdueInstallments.map((installment) => (
                  <tr key={`${installment.pledgeId}-${installment.dueOn}`}>
                    <th scope="row">{installment.pledgeId}</th>
                    <td>{installment.dueOn}</td>
                    <MoneyCell amount={installment.outstandingAmount} currency={installment.currency} />
                  </tr>
                ))}
              </Table>
            ) : null}
          </>
        )}
      </Resource>
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
  const installments = useRows<{ dueOn: string; amount: string }>([], { dueOn: '', amount: '' });
  const { submission, problem, send } = useSubmission();
  return (
    <form
      class="card"
      noValidate
      onSubmit={handleSubmit((form) => {
        const earmark = text(form, 'earmark');
        const body = {
          donorId, amount: text(form, 'amount'), currency: text(form, 'currency').toUpperCase(), pledgedOn: text(form, 'pledgedOn'),
          ...(earmark ? { earmark } : {}),
          ...(installments.rows.length ? { installments: installments.rows } : {}),
        };
        send(
          (key) => run(api().POST('/pledges', { body, params: { header: { 'Idempotency-Key': key } } })),
          (data) => `Pledge ${data.pledgeId} is recorded: ${data.amount} ${data.currency} (${data.amountUsd} USD).`,
        );
      })}
    >
      <p>Pledge of {donorId}</p>
      <InputField id="pledge-amount" label="Amount" name="amount" problem={problem} hint="A decimal amount in the currency's minor units, e.g. 250000.00" inputMode="decimal" />
      <InputField id="pledge-currency" label="Currency" name="currency" problem={problem} hint="ISO 4217, e.g. EUR" />
      <InputField id="pledge-date" label="Pledged on" name="pledgedOn" problem={problem} type="date" />
      <InputField id="pledge-earmark" label="Earmark (optional)" name="earmark" problem={problem} />
      <fieldset>
        <legend>Installments (optional)</legend>
        {fieldMessages(problem, 'installments').length ? <span class="field-error">{fieldMessages(problem, 'installments').join('; ')}</span> : null}
        {installments.rows.map((installment, index) => (
          <div class="row" key={index}>
            <ValueField id={`installment-due-${index}`} label={`Installment ${index + 1} due on`} field={`installments.${index}.dueOn`} problem={problem} type="date" value={installment.dueOn} onValue={(dueOn) => installments.update(index, { dueOn })} />
            <ValueField id={`installment-amount-${index}`} label={`Installment ${index + 1} amount`} field={`installments.${index}.amount`} problem={problem} inputMode="decimal" value={installment.amount} onValue={(amount) => installments.update(index, { amount })} />
          </div>
        ))}
        <button type="button" class="secondary" onClick={installments.add}>
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
  const { submission, problem, send } = useSubmission();
  return (
    <form
      class="card"
      noValidate
      onSubmit={handleSubmit((form) => {
        const pledgeId = text(form, 'pledgeId');
        const body = { donorId, amount: text(form, 'amount'), currency: text(form, 'currency').toUpperCase(), valueDate: text(form, 'valueDate'), reference: text(form, 'reference'), ...(pledgeId ? { pledgeId } : {}) };
        send(
          (key) => run(api().POST('/contributions', { body, params: { header: { 'Idempotency-Key': key } } })),
          (data) => `Payment ${data.reference} is reported (${data.status}); finance confirms it when it arrives.`,
        );
      })}
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
      <InputField id="payment-amount" label="Amount" name="amount" problem={problem} hint="A decimal amount in the currency's minor units" inputMode="decimal" />
      <InputField id="payment-currency" label="Currency" name="currency" problem={problem} />
      <InputField id="payment-value-date" label="Value date" name="valueDate" problem={problem} type="date" />
      <InputField id="payment-reference" label="Bank reference" name="reference" problem={problem} />
      <button type="submit">Report the payment</button>
      <SubmissionStatus submission={submission} fields={['pledgeId', 'amount', 'currency', 'valueDate', 'reference']} />
    </form>
  );
}

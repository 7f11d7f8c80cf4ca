import { useState } from 'preact/hooks';
import { type Schemas, api, run } from '../../api/client';
import { Options, OutcomeStatus, PagedList, useOutcome, usePaged } from '../../ui/components';
import { FilterInput, FilterSelect, Filters } from '../../ui/filters';
import { ValueField } from '../../ui/fields';
import { SubmissionStatus, handleSubmit, useSubmission } from '../../ui/forms';
import { Money } from '../../ui/money';
import { useLocation } from '../../ui/router';
import { Table } from '../../ui/table';

type Contribution = Schemas['Contribution'];
const CONTRIBUTION_STATUSES: Contribution['status'][] = ['reported', 'received', 'rejected'];

function Confirmation({ contribution, onDone }: { contribution: Contribution; onDone: (message: string) => void }) {
  const [receivedAmount, setReceivedAmount] = useState(contribution.amount);
  const [receivedOn, setReceivedOn] = useState('');
  const [reason, setReason] = useState('');
  const { submission, problem, send } = useSubmission();
  const id = contribution.contributionId;
  // The list says the outcome: this card leaves it as it reloads.
  const finish = (data: Contribution) => {
    onDone(data.status === 'received' ? `${data.reference}: received, receipt ${data.receipt?.number ?? ''}` : `${data.reference}: rejected`);
    return undefined;
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
        onSubmit={handleSubmit(() =>
          send((key) => run(api().POST('/contributions/{id}/confirm', { params: { path: { id }, header: { 'Idempotency-Key': `${key}-confirm` } }, body: { receivedAmount, receivedOn } })), finish),
        )}
      >
        <ValueField id={`received-amount-${id}`} label={`Received amount (${contribution.currency})`} field="receivedAmount" problem={problem} inputMode="decimal" value={receivedAmount} onValue={setReceivedAmount} />
        <ValueField id={`received-on-${id}`} label="Received on" field="receivedOn" problem={problem} type="date" value={receivedOn} onValue={setReceivedOn} />
        <button type="submit">Confirm receipt</button>
      </form>
      <form
        aria-label={`Reject ${contribution.reference}`}
        onSubmit={handleSubmit(() => send((key) => run(api().POST('/contributions/{id}/reject', { params: { path: { id }, header: { 'Idempotency-Key': `${key}-reject` } }, body: { reason } })), finish))}
      >
        <ValueField id={`reject-reason-${id}`} label="Reason for rejecting" field="reason" problem={problem} value={reason} onValue={setReason} />
        <button type="submit" class="danger">
          Reject
        </button>
      </form>
      <SubmissionStatus submission={submission} fields={['receivedAmount', 'receivedOn', 'reason']} />
    </div>
  );
}

/** Contributions as a table: finance's received and rejected ones, a donor's own on its statement. */
export function ContributionTable({ items, caption }: { items: Contribution[]; caption: string }) {
  return (
    <Table caption={caption} columns={['Reference', 'Donor', 'Amount', 'Value date', 'Status', 'USD', 'Receipt']}>
      {items.map((contribution) => (
        <tr key={contribution.contributionId}>
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
      ))}
    </Table>
  );
}

/** Contributions to confirm (or reject); the received and rejected ones on request. */
export function ContributionsPage() {
  const { query } = useLocation();
  const status = (query.get('status') ?? 'reported') as Contribution['status'];
  const donorId = query.get('donorId') ?? '';
  const outcome = useOutcome();
  const paged = usePaged<Contribution>(
    (cursor) => run(api().GET('/contributions', { params: { query: { status, ...(donorId ? { donorId } : {}), ...(cursor ? { cursor } : {}) } } })),
    `contributions|${status}|${donorId}|${outcome.round}`,
  );
  return (
    <section>
      <Filters>
        <FilterSelect id="contributions-status" label="Status" name="status" value={status}>
          <Options values={CONTRIBUTION_STATUSES} />
        </FilterSelect>
        <FilterInput id="contributions-donor" label="Donor" name="donorId" value={donorId} />
      </Filters>
      <OutcomeStatus message={outcome.message} />
      <PagedList
        what="contributions"
        empty={status === 'reported' ? 'No contributions wait for confirmation.' : `No ${status} contributions.`}
        paged={paged}
        render={(items) =>
          status === 'reported' ? (
            items.map((contribution) => <Confirmation key={contribution.contributionId} contribution={contribution} onDone={outcome.done} />)
          ) : (
            <ContributionTable items={items} caption={`${status} contributions`} />
          )
        }
      />
    </section>
  );
}

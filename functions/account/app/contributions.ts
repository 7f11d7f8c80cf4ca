import { countFact, recordReceivedUsd } from '../../shared/business-metrics';
import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import {
  DuplicateEntry,
  type ContributionInput,
  type ContributionView,
  type LedgerState,
  confirmContribution,
  contributionView,
  issueReceipt,
  rejectContribution,
  reportContribution,
  yearOf,
} from '../core';
import type { AccountStores } from '../adapters/account-stores';
import type { IntakeExecutions } from '../adapters/intake-executions';
import type { Bucket } from '../adapters/ledger-store';
import { actFor, listScope } from './access';
import { existingDonor } from './donors';
import { newId } from './ids';
import type { IntakeWait } from './intake-outcome';
import { entryMeta, makeLedgerAccess } from './ledger';
import type { Clock } from './ports';
import { ratesOfMonthOf } from './rates';

export type ContributionRequest = Omit<ContributionInput, 'contributionId'>;

function viewOf(state: LedgerState, contributionId: string): ContributionView {
  const c = state.contributions.get(contributionId);
  if (!c) throw new NotFound(`No contribution ${contributionId}`);
  return contributionView(c);
}

function present(view: ContributionView | undefined, contributionId: string): ContributionView {
  if (!view) throw new NotFound(`No contribution ${contributionId}`);
  return view;
}

export interface ContributionPorts {
  stores: Pick<AccountStores, 'donors' | 'ledger' | 'records' | 'rates' | 'receipts'>;
  /** Starts a reported contribution's intake workflow. */
  intake: IntakeExecutions;
  /** The intake workflow's wait, which a decision ends and a heartbeat keeps alive. */
  wait: IntakeWait;
  clock: Clock;
}

export function makeContributions({ stores, intake, wait, clock }: ContributionPorts) {
  const books = makeLedgerAccess(stores);

  /**
   * The bucket a report goes to: its pledge's, or that of its value date's year; and the check
   * that its donor is registered. A pledge's locator is written only once its donor is known to
   * be registered, and donors are never removed, so a pledge of the reporting donor vouches for
   * it; any other case (no pledge, a pledge of someone else, no such pledge) asks the donors.
   */
  async function homeOfReport(request: ContributionRequest): Promise<Bucket> {
    const pledge = request.pledgeId === undefined ? undefined : await stores.records.locate('pledge', request.pledgeId);
    if (pledge?.donorId !== request.donorId) await existingDonor(stores.donors, request.donorId);
    if (request.pledgeId === undefined) return { donorId: request.donorId, year: yearOf(request.valueDate) };
    if (!pledge) throw new NotFound(`No pledge ${request.pledgeId}`);
    return { donorId: pledge.donorId, year: pledge.year };
  }

  return {
    /**
     * A donor (or finance for it) reports a payment: the entry goes to its pledge's bucket, or to
     * the bucket of its value date's year; then its view, and its intake workflow (named after the
     * contribution, so a replay that starts it again changes nothing).
     */
    async report(caller: Caller, request: ContributionRequest, idempotencyKey: string | undefined): Promise<ContributionView> {
      actFor(caller, request.donorId);
      const input: ContributionInput = { ...request, contributionId: newId('contribution', idempotencyKey) };
      const bucket = await homeOfReport(request);
      const meta = entryMeta(caller.subject, clock());
      const read = await books.readRecord(bucket);
      // Checked against the ledger before anything is written; a replay (the same report already in
      // this bucket) passes, and its locator is found by the claim.
      try {
        reportContribution(read.state, input, meta);
      } catch (error) {
        if (!(error instanceof DuplicateEntry && error.identical)) throw error;
      }
      await stores.records.claimLocator({ recordType: 'contribution', id: input.contributionId, ...bucket });
      const appended = await books.append(bucket, (current) => reportContribution(current, input, meta), read);
      if (!appended.replay) countFact('ContributionReported', { contributionId: input.contributionId });
      // A report changes nothing in its pledge's view (only received amounts count there): only its own view is stored.
      const { contribution } = await books.refreshViews(bucket, appended, { contributionId: input.contributionId, pledge: false });
      await intake.start(input.contributionId);
      return present(contribution, input.contributionId);
    },

    async readContribution(caller: Caller, contributionId: string): Promise<ContributionView> {
      const { state } = await books.readRecord(await books.locateOrFail('contribution', contributionId));
      const view = viewOf(state, contributionId);
      actFor(caller, view.donorId);
      return view;
    },

    findContributions(caller: Caller, filter: { donorId?: string; status?: string }, limit: number, cursor: string | undefined): Promise<Page<ContributionView>> {
      return stores.records.listViews('contribution', { ...filter, donorId: listScope(caller, filter.donorId) }, limit, cursor);
    },

    /**
     * Finance confirms receipt: the USD value at the rate in force on the day received, then a
     * receipt. The confirmation commits first and only then is a receipt number claimed for it, so
     * a confirmation that loses a race (to a rejection, say) never uses up a number: the year's
     * receipts stay consecutive. Confirming again with the same amount and date answers the same
     * receipt, and issues it if a crash came between the two.
     */
    async confirm(caller: Caller, contributionId: string, body: { receivedAmount: string; receivedOn: string }): Promise<ContributionView> {
      const now = clock();
      const locator = await books.locateOrFail('contribution', contributionId);
      const read = await books.readRecord(locator);
      const rates = await ratesOfMonthOf(stores.rates, body.receivedOn);
      const meta = () => entryMeta(caller.subject, now);
      let bucket = await books.append(locator, (current) => confirmContribution(current, contributionId, body, meta(), rates), read);
      if (!bucket.replay && bucket.entry.kind === 'contribution-confirmed') {
        countFact('ContributionConfirmed', { contributionId });
        recordReceivedUsd(bucket.entry.amountUsd, { contributionId });
      }
      const confirmed = bucket.state.contributions.get(contributionId);
      if (confirmed?.confirmed && !confirmed.receipt) {
        const receipt = await stores.receipts.receiptFor(contributionId, yearOf(confirmed.confirmed.receivedOn), now);
        // Appended on the bucket as the confirmation left it (no second read, unless it has grown since).
        const issued = await books.append(locator, (current) => issueReceipt(current, contributionId, receipt, meta()), bucket);
        if (!issued.replay) countFact('ReceiptIssued', { contributionId, receipt: receipt.number });
        bucket = issued;
      }
      const { contribution } = await books.refreshViews(locator, bucket, { contributionId });
      await wait.close(contributionId, bucket.state);
      return present(contribution, contributionId);
    },

    /** Finance rejects a reported contribution (not found on the bank statement): it counts nowhere. */
    async reject(caller: Caller, contributionId: string, reason: string): Promise<ContributionView> {
      const locator = await books.locateOrFail('contribution', contributionId);
      const meta = entryMeta(caller.subject, clock());
      const appended = await books.append(locator, (current) => rejectContribution(current, contributionId, reason, meta));
      if (!appended.replay) countFact('ContributionRejected', { contributionId });
      const { contribution } = await books.refreshViews(locator, appended, { contributionId });
      await wait.close(contributionId, appended.state);
      return present(contribution, contributionId);
    },

    /** Finance is looking into it: postpones the reminder of a contribution that waits for confirmation. */
    heartbeat: (contributionId: string): Promise<void> => wait.heartbeat(contributionId),
  };
}

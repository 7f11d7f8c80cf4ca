import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { DuplicateEntry, type Installment, type PledgeView, cancelPledge, pledgeView, recordPledge, yearOf } from '../core';
import type { AccountStores } from '../adapters/account-stores';
import { actFor, listScope } from './access';
import { existingDonor } from './donors';
import { newId } from './ids';
import { entryMeta, makeLedgerAccess } from './ledger';
import type { Clock } from './ports';
import { ratesOfMonthOf } from './rates';

export interface PledgeRequest {
  donorId: string;
  amount: string;
  currency: string;
  pledgedOn: string;
  earmark?: string;
  installments?: Installment[];
}

export interface PledgePorts {
  stores: Pick<AccountStores, 'donors' | 'ledger' | 'records' | 'rates'>;
  clock: Clock;
}

export function makePledges({ stores, clock }: PledgePorts) {
  const books = makeLedgerAccess(stores);
  return {
    /**
     * Records a pledge at the rate in force on the day it was pledged. Everything the core can
     * refuse (amounts, installments that do not add up, a missing rate) is refused before anything
     * is written; then the locator, then the entry, then the view.
     */
    async recordNewPledge(caller: Caller, request: PledgeRequest, idempotencyKey: string | undefined): Promise<PledgeView> {
      actFor(caller, request.donorId);
      await existingDonor(stores.donors, request.donorId);
      const input = { ...request, pledgeId: newId('pledge', idempotencyKey) };
      const rates = await ratesOfMonthOf(stores.rates, request.pledgedOn);
      const meta = entryMeta(caller.subject, clock());
      const bucket = { donorId: request.donorId, year: yearOf(request.pledgedOn) };
      // Checked against the bucket it goes to (read once, then handed to the append); a replay passes.
      const read = await books.readRecord(bucket);
      try {
        recordPledge(read.state, input, meta, rates);
      } catch (error) {
        if (!(error instanceof DuplicateEntry && error.identical)) throw error;
      }
      await stores.records.claimLocator({ recordType: 'pledge', id: input.pledgeId, ...bucket });
      const appended = await books.append(bucket, (current) => recordPledge(current, input, meta, rates), read);
      const { pledge } = await books.refreshViews(bucket, appended, { pledgeId: input.pledgeId });
      if (!pledge) throw new Error(`pledge ${input.pledgeId} is missing from its bucket after being appended`);
      return pledge;
    },

    async readPledge(caller: Caller, pledgeId: string): Promise<PledgeView> {
      const { state } = await books.readRecord(await books.locateOrFail('pledge', pledgeId));
      const pledge = state.pledges.get(pledgeId);
      if (!pledge) throw new NotFound(`No pledge ${pledgeId}`);
      actFor(caller, pledge.recorded.donorId);
      return pledgeView(state, pledge);
    },

    findPledges(caller: Caller, filter: { donorId?: string; status?: string }, limit: number, cursor: string | undefined): Promise<Page<PledgeView>> {
      return stores.records.listViews('pledge', { ...filter, donorId: listScope(caller, filter.donorId) }, limit, cursor);
    },

    /** Cancels a pledge that nothing was received on (a new entry; cancelling again with the same reason is a replay). */
    async cancel(caller: Caller, pledgeId: string, reason: string): Promise<PledgeView> {
      const locator = await books.locateOrFail('pledge', pledgeId);
      const meta = entryMeta(caller.subject, clock());
      const appended = await books.append(locator, (current) => cancelPledge(current, pledgeId, reason, meta));
      const { pledge } = await books.refreshViews(locator, appended, { pledgeId });
      if (!pledge) throw new NotFound(`No pledge ${pledgeId}`);
      return pledge;
    },
  };
}

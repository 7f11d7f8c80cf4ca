import { NotFound } from '../../shared/errors';
import type { AccountStores } from '../adapters/account-stores';
import { contributionState } from '../core';
import { makeLedgerAccess } from './ledger';
import type { Clock } from './ports';

// Kept apart from the wait step: this function has no access to task tokens.

export interface RemindFinancePorts {
  stores: Pick<AccountStores, 'ledger' | 'records' | 'reminders'>;
  clock: Clock;
}

/** A reminder period passed without a decision: one reminder per period, and whether to keep waiting. */
export function makeRemindFinance({ stores, clock }: RemindFinancePorts) {
  const books = makeLedgerAccess(stores);
  return async (input: { contributionId: string; round: number }): Promise<{ stillWaiting: boolean; raised: boolean }> => {
    const { state: ledger } = await books.readRecord(await books.locateOrFail('contribution', input.contributionId));
    const state = contributionState(ledger, input.contributionId);
    if (!state) throw new NotFound(`No contribution ${input.contributionId}`);
    if (state.status !== 'reported') return { stillWaiting: false, raised: false };
    const { donorId, contributionId, amount, currency, valueDate, reference } = state.reported;
    const raised = await stores.reminders.raise({
      reminderId: `contribution#${contributionId}#${input.round}`,
      type: 'unconfirmed-contribution',
      donorId,
      contributionId,
      amount,
      currency,
      round: input.round,
      raisedAt: clock().toISOString(),
      message: `Contribution ${contributionId} of ${donorId} (${amount} ${currency}, value date ${valueDate}, reference ${reference}) is still waiting for confirmation against the bank statement (reminder ${input.round})`,
    });
    return { stillWaiting: true, raised };
  };
}

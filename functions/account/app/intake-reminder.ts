import { NotFound } from '../../shared/errors';
import { raiseReminder } from '../adapters/reminders';
import { contributionState } from '../core';
import { locateOrFail, readRecord } from './ledger';

// Kept apart from the wait step: this function has no access to task tokens, and must not
// load the module that reads their table's name at cold start.

/** A reminder period passed without a decision: one reminder per period, and whether to keep waiting. */
export async function remindFinance(input: { contributionId: string; round: number }, now: Date): Promise<{ stillWaiting: boolean; raised: boolean }> {
  const { state: ledger } = await readRecord(await locateOrFail('contribution', input.contributionId));
  const state = contributionState(ledger, input.contributionId);
  if (!state) throw new NotFound(`No contribution ${input.contributionId}`);
  if (state.status !== 'reported') return { stillWaiting: false, raised: false };
  const { donorId, contributionId, amount, currency, valueDate, reference } = state.reported;
  const raised = await raiseReminder({
    reminderId: `contribution#${contributionId}#${input.round}`,
    type: 'unconfirmed-contribution',
    donorId,
    contributionId,
    amount,
    currency,
    round: input.round,
    raisedAt: now.toISOString(),
    message: `Contribution ${contributionId} of ${donorId} (${amount} ${currency}, value date ${valueDate}, reference ${reference}) is still waiting for confirmation against the bank statement (reminder ${input.round})`,
  });
  return { stillWaiting: true, raised };
}

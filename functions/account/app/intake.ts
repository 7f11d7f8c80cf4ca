import { saveTaskToken } from '../../shared/aws/task-tokens';
import { NotFound } from '../../shared/errors';
import { contributionState } from '../core';
import { raiseReminder } from '../adapters/reminders';
import { closeIntake, intakeTokenOwner } from './intake-outcome';
import { locateOrFail, readRecord } from './ledger';

/**
 * The contribution intake workflow's steps (workflows/contribution-intake.ts): a reported
 * contribution waits for finance to confirm or reject it; each reminder period without a
 * decision raises a reminder and the wait starts again.
 */

/**
 * Opens the wait: the token first (a decision arriving now finds it), then a look at the ledger
 * (a decision that came before the token was saved is passed on here). Idempotent: the engine
 * may run it again with the same token, after a restart.
 */
export async function awaitConfirmation(input: { contributionId: string; round: number; taskToken: string }, now: Date): Promise<{ waiting: boolean }> {
  await saveTaskToken(intakeTokenOwner(input.contributionId), input.taskToken, now.toISOString());
  const { entries } = await readRecord(await locateOrFail('contribution', input.contributionId));
  return { waiting: !(await closeIntake(input.contributionId, entries)) };
}

/** A reminder period passed without a decision: one reminder per period, and whether to keep waiting. */
export async function remindFinance(input: { contributionId: string; round: number }, now: Date): Promise<{ stillWaiting: boolean; raised: boolean }> {
  const { entries } = await readRecord(await locateOrFail('contribution', input.contributionId));
  const state = contributionState(entries, input.contributionId);
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

import { saveTaskToken } from '../../shared/aws/task-tokens';
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
  const { state } = await readRecord(await locateOrFail('contribution', input.contributionId));
  return { waiting: !(await closeIntake(input.contributionId, state)) };
}

import { taskTokenOf } from '../../shared/aws/task-tokens';
import { failTask, resumeWith } from '../../shared/aws/workflow';
import { type Ledger, contributionState } from '../core';
import { CONTRIBUTION_REJECTED } from '../steps';

/** The TaskTokens owner of a contribution's wait for confirmation. */
export const intakeTokenOwner = (contributionId: string) => `contribution#${contributionId}`;

/**
 * Ends the intake workflow's wait once the ledger has decided the contribution: success with
 * the receipt when received, failure `ContributionRejected` when rejected. Both the decision
 * (confirm/reject) and the wait's own step call this, whichever comes second finds the other's
 * half done; the outcome is derived from the ledger, so both send the same one.
 */
export async function closeIntake(contributionId: string, ledger: Ledger): Promise<boolean> {
  const state = contributionState(ledger, contributionId);
  if (!state || state.status === 'reported') return false;
  const token = await taskTokenOf(intakeTokenOwner(contributionId));
  if (!token) return false;
  // Received: the wait ends with the receipt, which follows the confirmation into the ledger.
  if (state.confirmed) return state.receipt ? resumeWith(token, { contributionId, status: 'received', receipt: state.receipt.number }) : false;
  return failTask(token, CONTRIBUTION_REJECTED, state.rejected?.reason ?? 'rejected');
}

import type { TaskTokens } from '../../shared/aws/task-tokens';
import type { Workflow } from '../../shared/aws/workflow';
import { type Signal, type WaitingKind, makeTaskCallbacks } from '../../shared/task-callbacks';
import { type ContributionState, type Ledger, contributionState } from '../core';
import type { AccountStores } from '../adapters/account-stores';
import { CONTRIBUTION_REJECTED } from '../steps';
import { makeLedgerAccess } from './ledger';

/** A contribution's wait for confirmation, as the shared task callbacks see it: data, not a copy. */
export const contributionIntakeKind: WaitingKind<ContributionState> = {
  label: 'contribution',
  tokenOwner: (contributionId) => `contribution#${contributionId}`,
  waiting: (contribution) => contribution.status === 'reported',
  notWaiting: 'is not waiting for confirmation',
};

/**
 * What the intake workflow's wait is told once the ledger has decided the contribution: success
 * with the receipt when received, failure `ContributionRejected` when rejected; nothing while it
 * is undecided, or confirmed without its receipt yet (the receipt follows the confirmation).
 */
function outcome(contribution: ContributionState | undefined): Signal | undefined {
  if (!contribution || contribution.status === 'reported') return undefined;
  const { contributionId } = contribution.reported;
  if (contribution.confirmed) return contribution.receipt ? { resume: { contributionId, status: 'received', receipt: contribution.receipt.number } } : undefined;
  return { fail: { error: CONTRIBUTION_REJECTED, cause: contribution.rejected?.reason ?? 'rejected' } };
}

export interface IntakeWaitPorts {
  stores: Pick<AccountStores, 'ledger' | 'records'>;
  tokens: TaskTokens;
  workflow: Workflow;
}

/** The intake workflow's wait for confirmation, on the task callbacks the documentation chain's work items use too. */
export function makeIntakeWait({ stores, tokens, workflow }: IntakeWaitPorts) {
  const books = makeLedgerAccess(stores);
  const callbacks = makeTaskCallbacks<ContributionState>({
    async find(contributionId) {
      const locator = await stores.records.locate('contribution', contributionId);
      return locator && contributionState((await books.readRecord(locator)).state, contributionId);
    },
    tokens,
    workflow,
    kind: contributionIntakeKind,
  });

  return {
    /** Keeps the wait's task token (a decision arriving now finds it). */
    open: callbacks.awaitWith,

    /**
     * Ends the wait once the ledger has decided the contribution. Both the decision
     * (confirm/reject) and the wait's own step call this, whichever comes second finds the
     * other's half done; the outcome is derived from the ledger, so both send the same one.
     */
    close(contributionId: string, ledger: Ledger): Promise<boolean> {
      const signal = outcome(contributionState(ledger, contributionId));
      return signal ? callbacks.tell(contributionId, signal) : Promise.resolve(false);
    },

    /** Finance is looking into it: postpones the reminder of a contribution that waits for confirmation. */
    heartbeat: callbacks.heartbeat,
  };
}

export type IntakeWait = ReturnType<typeof makeIntakeWait>;

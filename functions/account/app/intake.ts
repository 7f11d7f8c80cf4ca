import type { AccountStores } from '../adapters/account-stores';
import type { IntakeWait } from './intake-outcome';
import { makeLedgerAccess } from './ledger';
import type { Clock } from './ports';

/**
 * The contribution intake workflow's steps (workflows/contribution-intake.ts): a reported
 * contribution waits for finance to confirm or reject it; each reminder period without a
 * decision raises a reminder and the wait starts again.
 */

export interface AwaitConfirmationPorts {
  stores: Pick<AccountStores, 'ledger' | 'records'>;
  wait: IntakeWait;
  clock: Clock;
}

/**
 * Opens the wait: the token first (a decision arriving now finds it), then a look at the ledger
 * (a decision that came before the token was saved is passed on here). Idempotent: the engine
 * may run it again with the same token, after a restart.
 */
export function makeAwaitConfirmation({ stores, wait, clock }: AwaitConfirmationPorts) {
  const books = makeLedgerAccess(stores);
  return async (input: { contributionId: string; round: number; taskToken: string }): Promise<{ waiting: boolean }> => {
    await wait.open(input.contributionId, input.taskToken, clock().toISOString());
    const { state } = await books.readRecord(await books.locateOrFail('contribution', input.contributionId));
    return { waiting: !(await wait.close(input.contributionId, state)) };
  };
}

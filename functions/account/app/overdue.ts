import type { DomainEvents } from '../../shared/domain-events';
import { type LedgerState, foldLedger, overdueInstallments } from '../core';
import { installmentOverdue } from '../events';
import type { AccountStores } from '../adapters/account-stores';
import type { Locator } from '../adapters/records';
import type { Clock } from './ports';

const PAGE = 100;

/**
 * Scheduled: finds the installments of open pledges that fell due before today and are not
 * covered by received amounts, and raises one reminder for each (once: a later run raises
 * nothing new for the same installment). Candidates come from the index of open pledges
 * ordered by their first uncovered installment, so only pledges with something due are read;
 * each is then checked against its bucket of the ledger. Every overdue installment found is
 * announced (InstallmentOverdue), once: a run that raised the reminder but could not announce it
 * leaves it to the next.
 */
export function makeDetectOverdueInstallments({ stores: { ledger, records, reminders }, events, clock }: { stores: Pick<AccountStores, 'ledger' | 'records' | 'reminders'>; events: DomainEvents; clock: Clock }) {
  return async (): Promise<{ pledges: number; overdue: number; raised: number }> => {
    const now = clock();
    const today = now.toISOString().slice(0, 10);
    const at = now.toISOString();
    const result = { pledges: 0, overdue: 0, raised: 0 };
    // Pledges of one donor and year share a bucket: it is read once per run.
    const buckets = new Map<string, Promise<LedgerState>>();
    const stateOf = (locator: Locator): Promise<LedgerState> => {
      const key = `${locator.donorId}#${locator.year}`;
      const state = buckets.get(key) ?? ledger.snapshot(locator).then(({ entries }) => foldLedger(entries));
      buckets.set(key, state);
      return state;
    };
    let cursor: string | undefined;
    do {
      const page = await records.pledgesWithInstallmentsDueBefore(today, PAGE, cursor);
      for (const locator of page.items) {
        const state = await stateOf(locator);
        const pledge = state.pledges.get(locator.id);
        if (!pledge) continue;
        result.pledges += 1;
        for (const installment of overdueInstallments(state, pledge, today)) {
          result.overdue += 1;
          const raised = await reminders.raise({
            reminderId: `installment#${installment.pledgeId}#${installment.dueOn}`,
            type: 'overdue-installment',
            donorId: installment.donorId,
            pledgeId: installment.pledgeId,
            dueOn: installment.dueOn,
            amount: installment.outstandingAmount,
            currency: installment.currency,
            raisedAt: at,
            message: `Installment of pledge ${installment.pledgeId} by ${installment.donorId} due on ${installment.dueOn}: ${installment.outstandingAmount} ${installment.currency} not received`,
          });
          if (raised) result.raised += 1;
          await events.publish(installmentOverdue(installment, at));
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return result;
  };
}

import { countFact } from '../../shared/business-metrics';
import { itemsOf } from '../../shared/aws/paging';
import { logger } from '../../shared/observability';
import type { AccountStores } from '../adapters/account-stores';
import type { IntakeExecutions } from '../adapters/intake-executions';
import type { Clock } from './ports';

/** At most this many reported contributions are looked at in one run (the next run goes on). */
const PER_RUN = 500;

export interface ContributionReconcilerPorts {
  stores: Pick<AccountStores, 'records' | 'reminders'>;
  intake: IntakeExecutions;
  clock: Clock;
}

/**
 * The scheduled sweep of the account: a contribution reported whose intake was never started
 * (a crash between the ledger append and StartExecution) gets it, named after it as the report
 * would have started it. An intake that ran and ended is left alone: it failed (alarmed), or it
 * stopped waiting after its reminders, on purpose. Each repair is counted (RepairMade), logged
 * with the contribution's id, and raised once as a reminder for finance (`repaired-contribution`):
 * the ledger holds money facts only, so the reminders are where people read what happened to a
 * contribution besides its money.
 */
export function makeReconcileContributions({ stores, intake, clock }: ContributionReconcilerPorts) {
  return async (): Promise<{ repairs: string[] }> => {
    const repairs: string[] = [];
    for await (const view of itemsOf((cursor) => stores.records.listViews('contribution', { status: 'reported' }, 100, cursor), PER_RUN)) {
      const { contributionId, donorId, amount, currency, valueDate, reference } = view;
      if ((await intake.status(contributionId)) !== undefined) continue;
      await intake.start(contributionId);
      const at = clock().toISOString();
      await stores.reminders.raise({
        reminderId: `repair#contribution#${contributionId}#intake-started`,
        type: 'repaired-contribution',
        donorId,
        contributionId,
        amount,
        currency,
        raisedAt: at,
        message: `Contribution ${contributionId} of ${donorId} (${amount} ${currency}, value date ${valueDate}, reference ${reference}) had no intake workflow: the request that reported it stopped before starting one. The reconciler started it at ${at}; it waits for confirmation as usual.`,
      });
      countFact('RepairMade', { contributionId, repair: 'intake-started' });
      logger.warn('repaired: the intake of a reported contribution was never started', { contributionId, repair: 'intake-started' });
      repairs.push(contributionId);
    }
    return { repairs };
  };
}

import { countFact } from '../../shared/business-metrics';
import { itemsOf } from '../../shared/aws/paging';
import { logger } from '../../shared/observability';
import type { AccountStores } from '../adapters/account-stores';
import type { IntakeExecutions } from '../adapters/intake-executions';

/** At most this many reported contributions are looked at in one run (the next run goes on). */
const PER_RUN = 500;

export interface ContributionReconcilerPorts {
  stores: Pick<AccountStores, 'records'>;
  intake: IntakeExecutions;
}

/**
 * The scheduled sweep of the account: a contribution reported whose intake was never started
 * (a crash between the ledger append and StartExecution) gets it, named after it as the report
 * would have started it. An intake that ran and ended is left alone: it failed (alarmed), or it
 * stopped waiting after its reminders, on purpose. Each repair is counted (RepairMade) and
 * logged with the contribution's id; its intake's execution history shows when it began.
 */
export function makeReconcileContributions({ stores, intake }: ContributionReconcilerPorts) {
  return async (): Promise<{ repairs: string[] }> => {
    const repairs: string[] = [];
    for await (const { contributionId } of itemsOf((cursor) => stores.records.listViews('contribution', { status: 'reported' }, 100, cursor), PER_RUN)) {
      if ((await intake.status(contributionId)) !== undefined) continue;
      await intake.start(contributionId);
      countFact('RepairMade', { contributionId, repair: 'intake-started' });
      logger.warn('repaired: the intake of a reported contribution was never started', { contributionId, repair: 'intake-started' });
      repairs.push(contributionId);
    }
    return { repairs };
  };
}

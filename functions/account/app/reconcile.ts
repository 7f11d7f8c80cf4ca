import { countFact } from '../../shared/business-metrics';
import { executionStatus, startExecution } from '../../shared/aws/workflow';
import { requireEnv } from '../../shared/config';
import { logger } from '../../shared/observability';
import { listViews } from '../adapters/records';

const INTAKE_ARN = requireEnv('CONTRIBUTION_INTAKE_ARN');
/** At most this many reported contributions are looked at in one run (the next run goes on). */
const PER_RUN = 500;

const intakeArnOf = (contributionId: string) => `${INTAKE_ARN.replace(':stateMachine:', ':execution:')}:${contributionId}`;

/**
 * The scheduled sweep of the account: a contribution reported whose intake was never started
 * (a crash between the ledger append and StartExecution) gets it, named after it as the report
 * would have started it. An intake that ran and ended is left alone: it failed (alarmed), or it
 * stopped waiting after its reminders, on purpose. Each repair is counted (RepairMade) and
 * logged with the contribution's id; its intake's execution history shows when it began.
 */
export async function reconcileContributions(): Promise<{ repairs: string[] }> {
  const repairs: string[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await listViews('contribution', { status: 'reported' }, 100, cursor);
    for (const { contributionId } of page.items) {
      if ((await executionStatus(intakeArnOf(contributionId))) !== undefined) continue;
      await startExecution(INTAKE_ARN, contributionId, { contributionId }, { tolerateFinished: true });
      countFact('RepairMade', { contributionId, repair: 'intake-started' });
      logger.warn('repaired: the intake of a reported contribution was never started', { contributionId, repair: 'intake-started' });
      repairs.push(contributionId);
    }
    seen += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < PER_RUN);
  return { repairs };
}

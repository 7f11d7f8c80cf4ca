import type { Workflow } from '../../shared/aws/workflow';

/** The contribution intake workflow's executions, one per contribution. */
export interface IntakeExecutions {
  /** Starts the intake of a contribution; named after it, so starting it again (a replay) changes nothing. */
  start(contributionId: string): Promise<void>;
}

export function makeIntakeExecutions(workflow: Workflow, stateMachineArn: string): IntakeExecutions {
  return {
    async start(contributionId) {
      await workflow.startExecution(stateMachineArn, contributionId, { contributionId }, { tolerateFinished: true });
    },
  };
}

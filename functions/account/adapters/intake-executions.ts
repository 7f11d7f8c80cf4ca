import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import type { Workflow } from '../../shared/aws/workflow';

/** The contribution intake workflow's executions, one per contribution. */
export interface IntakeExecutions {
  /** Starts the intake of a contribution; named after it, so starting it again (a replay) changes nothing. */
  start(contributionId: string): Promise<void>;
  /** RUNNING, SUCCEEDED, FAILED…; `undefined` when the contribution's intake was never started. */
  status(contributionId: string): Promise<ExecutionStatus | undefined>;
}

export function makeIntakeExecutions(workflow: Workflow, stateMachineArn: string): IntakeExecutions {
  const executionArnOf = (contributionId: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${contributionId}`;
  return {
    async start(contributionId) {
      await workflow.startExecution(stateMachineArn, contributionId, { contributionId }, { tolerateFinished: true });
    },
    status: (contributionId) => workflow.executionStatus(executionArnOf(contributionId)),
  };
}

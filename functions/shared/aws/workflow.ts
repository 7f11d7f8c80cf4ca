import { DescribeExecutionCommand, type ExecutionStatus, ListExecutionsCommand, type SFNClient, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { logger } from '../observability';

/** A token whose task already ended (timed out, execution stopped): the callback is too late, not an error. */
const CLOSED_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken', 'ExecutionDoesNotExist']);

/** How many times the SDK sent the call that failed (its retry middleware notes it on the error). */
const attemptsOf = (error: unknown): number => (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;

/**
 * True when the task took the call. A closed token on the first send is a refusal. On a resend
 * it is not proof of one: the first send may have been taken with its answer lost (a timeout,
 * a 5xx after the commit), and the task then closed because of it. That case is counted as
 * taken; the callback answers as the workflow most likely saw it.
 */
async function tolerateClosed(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (!CLOSED_TOKEN.has((error as Error).name)) throw error;
    const attempts = attemptsOf(error);
    if (attempts > 1) {
      logger.warn('a resent callback found its task closed: the first send was taken', { error: (error as Error).name, attempts });
      return true;
    }
    logger.warn('callback for a task that is no longer waiting', { error: (error as Error).name });
    return false;
  }
}

/** What the use cases ask of Step Functions: close, fail or keep alive a callback task; start or stop an execution. */
export interface Workflow {
  /** Closes a callback task with `output`; false when the task no longer waits. */
  resumeWith: (taskToken: string, output: unknown) => Promise<boolean>;
  failTask: (taskToken: string, error: string, cause: string) => Promise<boolean>;
  heartbeat: (taskToken: string) => Promise<boolean>;
  startExecution: (stateMachineArn: string, name: string, input: unknown, options?: { tolerateFinished?: boolean }) => Promise<string>;
  stopExecution: (executionArn: string, cause: string) => Promise<void>;
  /** RUNNING, SUCCEEDED, FAILED…; `undefined` when no execution has that ARN (it was never started). */
  executionStatus: (executionArn: string) => Promise<ExecutionStatus | undefined>;
  /** The names of a state machine's running executions, at most `max` of them. */
  runningExecutions: (stateMachineArn: string, max: number) => Promise<string[]>;
}

export function makeWorkflow(client: SFNClient): Workflow {
  /** Closes a callback task with `output`; false when the task no longer waits. */
  const resumeWith = (taskToken: string, output: unknown) =>
    tolerateClosed(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));

  const failTask = (taskToken: string, error: string, cause: string) =>
    tolerateClosed(() => client.send(new SendTaskFailureCommand({ taskToken, error, cause: cause.slice(0, 32_000) })));

  const heartbeat = (taskToken: string) => tolerateClosed(() => client.send(new SendTaskHeartbeatCommand({ taskToken })));

  /**
   * Starts an execution named after the thing it works on, so starting it twice is harmless: the
   * same name and input while it runs answers the same execution. `tolerateFinished` also accepts
   * an execution of that name that already ended (ExecutionAlreadyExists), for callers that start
   * again on every replay of their request.
   */
  async function startExecution(stateMachineArn: string, name: string, input: unknown, options: { tolerateFinished?: boolean } = {}): Promise<string> {
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      if (!started.executionArn) throw new Error('StartExecution returned no executionArn');
      return started.executionArn;
    } catch (error) {
      if (options.tolerateFinished && (error as Error).name === 'ExecutionAlreadyExists') return executionArn;
      throw error;
    }
  }

  async function stopExecution(executionArn: string, cause: string): Promise<void> {
    try {
      await client.send(new StopExecutionCommand({ executionArn, cause }));
    } catch (error) {
      if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
    }
  }

  async function executionStatus(executionArn: string): Promise<ExecutionStatus | undefined> {
    try {
      return (await client.send(new DescribeExecutionCommand({ executionArn }))).status;
    } catch (error) {
      if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }

  async function runningExecutions(stateMachineArn: string, max: number): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: Math.min(100, max - names.length), nextToken }));
      for (const execution of page.executions ?? []) if (execution.name) names.push(execution.name);
      nextToken = page.nextToken;
    } while (nextToken && names.length < max);
    return names;
  }

  return { resumeWith, failTask, heartbeat, startExecution, stopExecution, executionStatus, runningExecutions };
}

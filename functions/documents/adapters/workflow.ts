import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../../shared/aws/sfn';
import { logger } from '../../shared/observability';

/** A token whose task already ended (timed out, execution stopped): the callback is too late, not an error. */
const CLOSED_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken', 'ExecutionDoesNotExist']);

async function tolerateClosed(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (CLOSED_TOKEN.has((error as Error).name)) {
      logger.warn('callback for a task that is no longer waiting', { error: (error as Error).name });
      return false;
    }
    throw error;
  }
}

export const resumeWith = (taskToken: string, output: unknown) =>
  tolerateClosed(() => sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));

export const failTask = (taskToken: string, error: string, cause: string) =>
  tolerateClosed(() => sfn.send(new SendTaskFailureCommand({ taskToken, error, cause: cause.slice(0, 32_000) })));

export const heartbeat = (taskToken: string) => tolerateClosed(() => sfn.send(new SendTaskHeartbeatCommand({ taskToken })));

/** The execution is named after the document, so starting it twice is harmless. */
export async function startPipeline(stateMachineArn: string, documentId: string, input: unknown): Promise<string> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: documentId, input: JSON.stringify(input) }));
  if (!executionArn) throw new Error('StartExecution returned no executionArn');
  return executionArn;
}

export async function stopPipeline(executionArn: string, cause: string): Promise<void> {
  try {
    await sfn.send(new StopExecutionCommand({ executionArn, cause }));
  } catch (error) {
    if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
  }
}

import * as path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, type HistoryEvent, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { loadStack } from '../../local/template';
import type { LocalStack } from './stack';

const stack = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat');
export const pipelineArn = stack.stateMachines.find((machine) => machine.name.startsWith('DocumentPipeline'))?.arn ?? '';

export const executionArn = (documentId: string) => `${pipelineArn.replace(':stateMachine:', ':execution:')}:${documentId}`;

/** A Step Functions client on the stack's embedded engine, for assertions on executions. */
export function stepFunctions(local: LocalStack): SFNClient {
  return new SFNClient({ endpoint: local.stepFunctionsUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export async function executionStatus(local: LocalStack, documentId: string): Promise<string | undefined> {
  const { status } = await stepFunctions(local).send(new DescribeExecutionCommand({ executionArn: executionArn(documentId) }));
  return status;
}

export async function executionHistory(local: LocalStack, documentId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions(local).send(new GetExecutionHistoryCommand({ executionArn: executionArn(documentId), nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Names of the states entered, in order. */
export const statesEntered = (events: HistoryEvent[]) => events.filter((event) => event.stateEnteredEventDetails).map((event) => event.stateEnteredEventDetails?.name);

export async function executionCount(local: LocalStack): Promise<number> {
  const { executions } = await stepFunctions(local).send(new ListExecutionsCommand({ stateMachineArn: pipelineArn, maxResults: 1000 }));
  return executions?.length ?? 0;
}

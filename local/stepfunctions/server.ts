import type {
  DescribeExecutionInput,
  DescribeStateMachineForExecutionInput,
  DescribeStateMachineInput,
  GetExecutionHistoryInput,
  ListExecutionsInput,
  ListStateMachinesInput,
  SendTaskFailureInput,
  SendTaskHeartbeatInput,
  SendTaskSuccessInput,
  StartExecutionInput,
  StopExecutionInput,
} from '@aws-sdk/client-sfn';
import { type AwsJsonEndpoint, fields, startAwsJsonEndpoint } from '../aws-json-endpoint';
import type { LocalStepFunctions } from './engine';
import { isRecord } from './json';

export type StepFunctionsServer = AwsJsonEndpoint;

type Body = Record<string, unknown>;
type Operation = (engine: LocalStepFunctions, body: Body) => Promise<unknown>;

const S = 'string' as const;
const OPERATIONS: Record<string, Operation> = {
  StartExecution: (e, b) =>
    e.startExecution(fields<StartExecutionInput>(b, { stateMachineArn: S, name: S, input: S, traceHeader: S })),
  StopExecution: (e, b) => e.stopExecution(fields<StopExecutionInput>(b, { executionArn: S, error: S, cause: S })),
  DescribeExecution: (e, b) => e.describeExecution(fields<DescribeExecutionInput>(b, { executionArn: S })),
  ListStateMachines: (e, b) => e.listStateMachines(fields<ListStateMachinesInput>(b, { maxResults: 'number', nextToken: S })),
  DescribeStateMachine: (e, b) => e.describeStateMachine(fields<DescribeStateMachineInput>(b, { stateMachineArn: S, includedData: S })),
  DescribeStateMachineForExecution: (e, b) =>
    e.describeStateMachineForExecution(fields<DescribeStateMachineForExecutionInput>(b, { executionArn: S, includedData: S })),
  ListExecutions: (e, b) =>
    e.listExecutions(
      fields<ListExecutionsInput>(b, { stateMachineArn: S, statusFilter: S, maxResults: 'number', nextToken: S }),
    ),
  GetExecutionHistory: (e, b) =>
    e.getExecutionHistory(
      fields<GetExecutionHistoryInput>(b, {
        executionArn: S,
        maxResults: 'number',
        nextToken: S,
        reverseOrder: 'boolean',
        includeExecutionData: 'boolean',
      }),
    ),
  SendTaskSuccess: (e, b) => e.sendTaskSuccess(fields<SendTaskSuccessInput>(b, { taskToken: S, output: S })),
  SendTaskFailure: (e, b) => e.sendTaskFailure(fields<SendTaskFailureInput>(b, { taskToken: S, error: S, cause: S })),
  SendTaskHeartbeat: (e, b) => e.sendTaskHeartbeat(fields<SendTaskHeartbeatInput>(b, { taskToken: S })),
};

/** The JSON 1.0 protocol sends timestamps as epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

/**
 * Serves the engine over the AWS JSON 1.0 protocol that @aws-sdk/client-sfn and the AWS CLI speak.
 * Like the other local endpoints it accepts any credentials (requests are not signature-checked).
 */
export async function startStepFunctionsServer(
  engine: LocalStepFunctions,
  options: { port: number; host?: string },
): Promise<StepFunctionsServer> {
  const operations = Object.fromEntries(Object.entries(OPERATIONS).map(([name, operation]) => [name, (body: Body) => operation(engine, body)]));
  return startAwsJsonEndpoint(
    { targetPrefix: 'AWSStepFunctions.', contentType: 'application/x-amz-json-1.0', maxBodyBytes: 10 * 1024 * 1024, internalError: 'InternalFailure', messageField: 'message', operations, toWire },
    options,
  );
}

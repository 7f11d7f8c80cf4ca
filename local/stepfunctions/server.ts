import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import type { LocalStepFunctions } from './engine';
import { SfnError } from './errors';
import { isRecord } from './json';

export interface StepFunctionsServer {
  url: string;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Operation = (engine: LocalStepFunctions, body: Body) => Promise<unknown>;

/** Checks the types of the request fields an operation reads, then names the AWS request shape. */
function fields<T>(body: Body, types: Record<string, 'string' | 'number' | 'boolean'>): T {
  for (const [key, type] of Object.entries(types)) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== type) {
      throw new SfnError('ValidationException', `${key} must be a ${type}`);
    }
  }
  return body as unknown as T;
}

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

const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SfnError('ValidationException', 'Request too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { __type: type, message }, type);
}

async function handle(engine: LocalStepFunctions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    return sendError(res, 400, 'UnknownOperationException', 'Expected POST with x-amz-target: AWSStepFunctions.<Operation>');
  }
  const name = target.slice(TARGET_PREFIX.length);
  const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (!operation) return sendError(res, 400, 'UnknownOperationException', `Unsupported operation ${target}`);
  try {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new SfnError('ValidationException', 'Request body is not JSON');
    }
    if (!isRecord(body)) throw new SfnError('ValidationException', 'Request body must be a JSON object');
    send(res, 200, toWire(await operation(engine, body)));
  } catch (error) {
    if (error instanceof SfnError) return sendError(res, 400, error.code, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return sendError(res, 500, 'InternalFailure', message);
  }
}

/**
 * Serves the engine over the AWS JSON 1.0 protocol that @aws-sdk/client-sfn and the AWS CLI speak.
 * Like the other local endpoints it accepts any credentials (requests are not signature-checked).
 */
export async function startStepFunctionsServer(
  engine: LocalStepFunctions,
  options: { port: number; host?: string },
): Promise<StepFunctionsServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(engine, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient, type DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number; path?: string }) => Server;
// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be an untyped module
const dynalite = require('dynalite') as DynaliteFactory;

export const REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Dynamo {
  endpoint: string;
  documentClient: DynamoDBDocumentClient;
  close(): Promise<void>;
}

/** Starts dynalite in-process (in memory, or on disk under `path`) on a free port. */
export async function startDynamo(path?: string): Promise<Dynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials });
  return {
    endpoint,
    documentClient: DynamoDBDocumentClient.from(client),
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

export function sfnClient(url: string): SFNClient {
  return new SFNClient({ endpoint: url, region: REGION, credentials });
}

/** Polls `probe` until it returns a value other than undefined (bounded: fails after `timeoutMs`). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls DescribeExecution until the execution leaves RUNNING (or reaches `status`). */
export async function waitForStatus(client: SFNClient, executionArn: string, status?: string): Promise<DescribeExecutionOutput> {
  return waitFor(`${executionArn} to be ${status ?? 'closed'}`, async () => {
    const out = await client.send(new DescribeExecutionCommand({ executionArn }));
    const done = status ? out.status === status : out.status !== 'RUNNING';
    return done ? out : undefined;
  });
}

export interface LambdaCall {
  functionName: string;
  payload: unknown;
}

/** Test doubles for the project's Lambdas, recording every invocation. */
export class FakeLambdas {
  readonly calls: LambdaCall[] = [];
  private readonly handlers = new Map<string, (payload: unknown) => unknown>();

  on(functionName: string, handler: (payload: unknown) => unknown): this {
    this.handlers.set(functionName, handler);
    return this;
  }

  readonly invoke = async (functionName: string, payload: unknown): Promise<unknown> => {
    this.calls.push({ functionName, payload });
    const name = functionName.split(':function:').pop()?.split(':')[0] ?? functionName;
    const handler = this.handlers.get(name);
    if (!handler) throw Object.assign(new Error(`No function ${functionName}`), { name: 'ResourceNotFoundException' });
    return handler(payload);
  };

  callsTo(name: string): LambdaCall[] {
    return this.calls.filter((c) => c.functionName === name || c.functionName.endsWith(`:function:${name}`));
  }

  /** Task tokens handed to a callback function, in call order. */
  tokensOf(name: string): string[] {
    return this.callsTo(name).map((c) => (c.payload as { token: string }).token);
  }
}

export function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

export function machineArn(name: string): string {
  return `arn:aws:states:${REGION}:123456789012:stateMachine:${name}`;
}

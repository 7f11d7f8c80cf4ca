import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { issueToken } from '../../local/jwt';
import type { CallCounts, ChildReply, ChildRequest, ExecutionTotals, ItemCounts, MemoryFigures, RecordedRequest, StackInfo } from './protocol';

export const ROOT = path.join(__dirname, '..', '..');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Sends again when a kept-alive socket turned out to be closed by the server as it was reused
 * (ECONNRESET before any response: the request never reached the server), as Node's documentation
 * advises (`request.reusedSocket`).
 */
export async function sendWithRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
      if (attempt >= 3 || !failure.reusedSocket || failure.code !== 'ECONNRESET') throw error;
    }
  }
}

/**
 * The instrumented embedded stack (stack-process.ts) in a child process, with its own data
 * directory, and clients for it: HTTP through the local adapter (keep-alive, like a browser or
 * SDK client), and SDK clients straight on its DynamoDB and Step Functions endpoints.
 */
export class BenchStack {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  readonly db: DynamoDBDocumentClient;
  readonly dynamo: DynamoDBClient;
  readonly sfn: SFNClient;
  private readonly url: URL;

  private constructor(
    readonly child: ChildProcess,
    readonly info: StackInfo,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    readonly stderr: string[],
  ) {
    this.url = new URL(info.url);
    // The SDK's retries cover a kept-alive socket that the server closed just as it was reused.
    this.dynamo = new DynamoDBClient({ endpoint: info.dynamodb, region: 'us-east-1', credentials: CREDENTIALS });
    this.db = DynamoDBDocumentClient.from(this.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    this.sfn = new SFNClient({ endpoint: info.stepfunctions, region: 'us-east-1', credentials: CREDENTIALS });
    child.on('message', (message: ChildReply) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
  }

  static async start(options: { dataDir?: string } = {}): Promise<BenchStack> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'unodc-bench-'));
    // BENCH_STACK_NODE_ARGS: extra node flags for the stack process (e.g. --cpu-prof, --heapsnapshot-signal=SIGUSR2).
    const extra = (process.env.BENCH_STACK_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', path.join(__dirname, '..', 'stack-process.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, AWS_LAMBDA_LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: '', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 200) stderr.shift();
    });
    const info = await new Promise<StackInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench stack did not start:\n${stderr.join('')}`)), 60_000);
      child.once('message', (message: ChildReply) => {
        clearTimeout(timer);
        if (message.ok) resolve(message.result as StackInfo);
        else reject(new Error(message.error));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bench stack exited with ${String(code)}:\n${stderr.join('')}`));
      });
    });
    child.removeAllListeners('exit');
    return new BenchStack(child, info, dataDir, options.dataDir === undefined, stderr);
  }

  private ask<T>(message: Distribute<ChildRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...message, id });
    });
  }

  /** Calls made by each function's invocations (and the engine's store) since the last reset. */
  calls(reset = false): Promise<CallCounts> {
    return this.ask({ cmd: 'calls', reset });
  }

  /** Items DynamoDB returned since the last call; counting is on while `enable`. */
  items(enable: boolean): Promise<ItemCounts> {
    return this.ask({ cmd: 'items', enable });
  }

  executions(arns: string[]): Promise<ExecutionTotals> {
    return this.ask({ cmd: 'executions', arns });
  }

  /** The DynamoDB requests received since recording started; recording goes on while `start`. */
  record(start: boolean): Promise<RecordedRequest[]> {
    return this.ask({ cmd: 'record', start });
  }

  memory(): Promise<MemoryFigures> {
    return this.ask({ cmd: 'memory' });
  }

  functionOf(routeKey: string): string {
    const route = this.info.routes.find((candidate) => candidate.routeKey === routeKey);
    if (!route) throw new Error(`No route ${routeKey}`);
    return route.functionName;
  }

  hasRoute(routeKey: string): boolean {
    return this.info.routes.some((route) => route.routeKey === routeKey);
  }

  executionArn(name: string): string {
    return `${this.info.pipelineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  token(role: string | string[], claims: { donorId?: string; sub?: string } = {}): Promise<string> {
    return issueToken(this.dataDir, { roles: Array.isArray(role) ? role : [role], ...claims });
  }

  /** One HTTP request through the local adapter; JSON in and out. */
  async request<T = Record<string, unknown>>(method: string, route: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return sendWithRetry(() => this.send<T>(method, route, headers, payload));
  }

  private send<T>(method: string, route: string, headers: Record<string, string>, payload: string | undefined): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: this.url.hostname, port: this.url.port, method, path: route, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if (/json/.test(res.headers['content-type'] ?? '') && text) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, text });
        });
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(payload);
    });
  }

  /** Waits until no invocation has run for `quietMs` (the pipelines started so far are waiting on people). */
  async settle(quietMs = 150, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const { invocations, inFlight } = await this.calls(false);
      if (inFlight > 0 || invocations !== last) {
        last = invocations;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the stack did not settle');
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.dynamo.destroy();
    this.sfn.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await Promise.race([this.ask({ cmd: 'stop' }).catch(() => undefined), exited]);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { issueToken } from '../../local/jwt';
import { loadStack } from '../../local/template';

const ROOT = path.join(__dirname, '..', '..');

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

/**
 * The embedded stack as a child process, started exactly as `npm start` starts it (on a free
 * port, with its own data directory), so tests see what a client sees.
 */
export class LocalStack {
  private constructor(
    readonly process: ChildProcess,
    readonly url: string,
    readonly stepFunctionsUrl: string,
    readonly dynamoUrl: string,
    readonly secretsManagerUrl: string,
    readonly dataDir: string,
    readonly output: string[],
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<LocalStack> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'unodc-stack-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, AWS_LAMBDA_LOG_LEVEL: 'ERROR', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const found: Record<string, string> = {};
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stack did not start:\n${output.join('')}`)), 60_000);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output.push(text);
        for (const line of text.split('\n')) {
          const match = /^(ready|stepfunctions|dynamodb|secretsmanager): (\S+)/.exec(line);
          if (match) found[match[1]] = match[2];
        }
        if (found.ready) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`stack exited with ${String(code)}:\n${output.join('')}`));
      });
    });
    child.removeAllListeners('exit');
    return new LocalStack(child, found.ready, found.stepfunctions, found.dynamodb, found.secretsmanager, dataDir, output, options.env ?? {});
  }

  /** The stack's outputs with its parameters, as `aws cloudformation describe-stacks` shows a deployed stack's. */
  outputs(): Record<string, string> {
    return loadStack(path.join(ROOT, 'cdk.out'), 'UnodcSecretariat', { ...process.env, ...this.env }).outputs;
  }

  token(role: string | string[], claims: { donorId?: string; sub?: string } = {}): Promise<string> {
    return issueToken(this.dataDir, { roles: Array.isArray(role) ? role : [role], ...claims });
  }

  async request<T = Record<string, unknown>>(method: string, route: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.url}${route}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** Stops the stack; SIGKILL leaves it no chance to tidy up, as a crash would. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill(signal);
    await exited;
  }
}

/** Polls until `probe` returns a value (not undefined), within a bounded time: no fixed sleeps. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 10; Date.now() < deadline; delay = Math.min(delay * 2, 200)) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the probe last returned, as String() shows it
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ACCOUNT, type FunctionSpec, REGION } from './template';

type Handler = (event: unknown, context: LambdaContext) => Promise<unknown>;

export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis: () => number;
  done: () => void;
  fail: () => void;
  succeed: () => void;
}

/** A failed invocation, named like the function's error (its `errorType` in AWS). */
export class FunctionError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface InvocationStats {
  invocations: number;
  byFunction: Record<string, number>;
}

/**
 * Runs the bundles that `cdk synth` produced, in this process, the way Lambda would: loaded
 * on first use (a cold start) with the function's own environment visible while its module
 * scope runs (where it reads its configuration), then invoked with an event and a context,
 * within the function's timeout.
 */
export class LambdaRuntime {
  private readonly byName = new Map<string, FunctionSpec>();
  private readonly loaded = new Map<string, Handler>();
  readonly stats: InvocationStats = { invocations: 0, byFunction: {} };

  constructor(functions: FunctionSpec[]) {
    for (const spec of functions) this.byName.set(spec.name, spec);
  }

  has(nameOrArn: string): boolean {
    return this.byName.has(nameOrArn.split(':').pop() ?? nameOrArn);
  }

  private load(spec: FunctionSpec): Handler {
    const cached = this.loaded.get(spec.name);
    if (cached) return cached;
    const saved = { ...process.env };
    Object.assign(process.env, spec.environment, {
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    });
    try {
      const bundle = path.resolve(spec.bundle);
      const module = createRequire(bundle)(bundle) as Record<string, unknown>;
      const handler = module[spec.exportName];
      if (typeof handler !== 'function') throw new Error(`${spec.bundle} exports no ${spec.exportName}`);
      this.loaded.set(spec.name, handler as Handler);
      return handler as Handler;
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is a map of names
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const name = nameOrArn.split(':').pop() ?? nameOrArn;
    const spec = this.byName.get(name);
    if (!spec) throw new FunctionError('ResourceNotFoundException', `No function ${nameOrArn}`);
    const handler = this.load(spec);
    this.stats.invocations += 1;
    this.stats.byFunction[name] = (this.stats.byFunction[name] ?? 0) + 1;
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    const context: LambdaContext = {
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    // JSON in and out, as over the wire: no shared objects between caller and function.
    const payload: unknown = JSON.parse(JSON.stringify(event ?? null));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionError('Sandbox.Timedout', `Task timed out after ${spec.timeoutSeconds} seconds`)), spec.timeoutSeconds * 1000);
    });
    try {
      const result = await Promise.race([handler(payload, context), timeout]);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      if (error instanceof FunctionError) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      throw new FunctionError(failure.name || 'Error', failure.message);
    } finally {
      clearTimeout(timer);
    }
  }
}

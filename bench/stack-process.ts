import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedStack } from '../local/stack';
import type { HookRequest } from './dynamo-hooks';
import type { CallCounts, ChildReply, ChildRequest, FunctionCalls } from './lib/protocol';

/**
 * The embedded stack as `npm start` runs it (local/stack.ts), in a child process of the bench,
 * observed without touching the application code:
 * - every Lambda invocation runs in an AsyncLocalStorage scope (the stack's invocation hook), and
 *   every HTTP request a handler's SDK client starts (diagnostics channel `http.client.request.start`)
 *   is counted against the invocation that made it: DynamoDB and Step Functions calls per function
 *   and per invocation. Calls outside any invocation are the Step Functions engine's own store.
 * - in DynamoDB's thread (dynamo-hooks.ts): the items DynamoDB returns, counted when asked to (one
 *   request at a time: the count is not attributed), and the requests it receives, when recording.
 * The parent drives it over IPC (protocol.ts).
 */
interface Invocation {
  fn: string;
  dynamo: number;
  sfn: number;
}

const scope = new AsyncLocalStorage<Invocation>();
const emptyCalls = (): CallCounts => ({ functions: {}, engine: { dynamo: 0, ops: {} }, inFlight: 0, invocations: 0 });
let calls = emptyCalls();
let inFlight = 0;

function functionCalls(fn: string): FunctionCalls {
  calls.functions[fn] ??= { invocations: 0, dynamo: 0, sfn: 0, maxDynamo: 0, maxSfn: 0, maxCalls: 0, ops: {} };
  return calls.functions[fn];
}

subscribe('http.client.request.start', (message) => {
  const request = (message as { request: ClientRequest }).request;
  const target = String(request.getHeader('x-amz-target') ?? '');
  const [service, op] = target.split('.');
  if (!op) return;
  const invocation = scope.getStore();
  const isDynamo = service.startsWith('DynamoDB');
  if (!invocation) {
    if (isDynamo) {
      calls.engine.dynamo += 1;
      calls.engine.ops[op] = (calls.engine.ops[op] ?? 0) + 1;
    }
    return;
  }
  const counts = functionCalls(invocation.fn);
  counts.ops[`${isDynamo ? 'dynamodb' : 'sfn'}:${op}`] = (counts.ops[`${isDynamo ? 'dynamodb' : 'sfn'}:${op}`] ?? 0) + 1;
  if (isDynamo) invocation.dynamo += 1;
  else invocation.sfn += 1;
});

async function around(fn: string, invoke: () => Promise<unknown>): Promise<unknown> {
  const invocation: Invocation = { fn, dynamo: 0, sfn: 0 };
  inFlight += 1;
  try {
    return await scope.run(invocation, invoke);
  } finally {
    inFlight -= 1;
    const counts = functionCalls(fn);
    calls.invocations += 1;
    counts.invocations += 1;
    counts.dynamo += invocation.dynamo;
    counts.sfn += invocation.sfn;
    counts.maxDynamo = Math.max(counts.maxDynamo, invocation.dynamo);
    counts.maxSfn = Math.max(counts.maxSfn, invocation.sfn);
    counts.maxCalls = Math.max(counts.maxCalls, invocation.dynamo + invocation.sfn);
  }
}

/** Share of the time the event loop was busy since the last call. */
let lastLoop = performance.eventLoopUtilization();
function eventLoopUtilization(): number {
  const now = performance.eventLoopUtilization();
  const delta = performance.eventLoopUtilization(now, lastLoop);
  lastLoop = now;
  return delta.utilization;
}

function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data-bench');
  const cdkOut = path.resolve(process.env.CDK_OUT ?? 'cdk.out');
  const stack = await startEmbeddedStack({ cdkOut, dataDir, host: '127.0.0.1', port: 0, aroundInvoke: around, dynamoHooks: path.join(__dirname, 'dynamo-hooks.ts') });
  const hooks = stack.dynamo.hooks;
  if (!hooks) throw new Error('the DynamoDB hooks did not load');
  let nextHook = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  hooks.on('message', (message: { id: number; result: unknown }) => {
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  const askHooks = (message: HookRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) =>
    new Promise<unknown>((resolve) => {
      const id = nextHook++;
      waiting.set(id, resolve);
      hooks.postMessage({ ...message, id });
    });

  const handle = async (message: ChildRequest): Promise<unknown> => {
    switch (message.cmd) {
      case 'calls': {
        const snapshot: CallCounts = { ...calls, inFlight };
        if (message.reset) calls = emptyCalls();
        return snapshot;
      }
      case 'items':
        return askHooks({ cmd: 'items', enable: message.enable });
      case 'executions': {
        let stateTransitions = 0;
        let lambdaInvocations = 0;
        let maxTransitions = 0;
        for (const arn of message.arns) {
          const stats = stack.engine.executionStats(arn);
          stateTransitions += stats.stateTransitions;
          lambdaInvocations += stats.lambdaInvocations;
          maxTransitions = Math.max(maxTransitions, stats.stateTransitions);
        }
        return { executions: message.arns.length, stateTransitions, lambdaInvocations, maxTransitions };
      }
      case 'record':
        return askHooks({ cmd: 'record', start: message.start });
      case 'memory':
        return {
          ...process.memoryUsage(),
          maxRss: maxRssBytes(),
          cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
          eventLoop: eventLoopUtilization(),
          dynamoHeap: await askHooks({ cmd: 'heap' }),
        };
      case 'stop':
        await stack.stop();
        setImmediate(() => process.exit(0));
        return {};
    }
  };

  process.on('message', (message: ChildRequest) => {
    handle(message).then(
      (result) => process.send?.({ id: message.id, ok: true, result } satisfies ChildReply),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) } satisfies ChildReply),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({
    id: 0,
    ok: true,
    result: {
      url: stack.url,
      dynamodb: stack.dynamo.endpoint,
      stepfunctions: stack.stepFunctions.url,
      functions: stack.model.functions.map((fn) => ({ name: fn.name, bundle: fn.bundle, environment: fn.environment })),
      routes: stack.model.routes.map((route) => ({ routeKey: route.routeKey, functionName: route.functionName })),
      pipelineArn: stack.model.stateMachines.find((machine) => machine.name.startsWith('DocumentPipeline'))?.arn ?? '',
    },
  } satisfies ChildReply);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { nextDeadline, outcomeOf, type CallbackRegistry, type TokenWaiter } from './callbacks';
import type { CompiledMachine, TaskInfo } from './definition';
import { RunAbandoned, TaskError } from './errors';
import type { TaskSlot, TaskSlots } from './history';
import type { EventDraft } from './history-log';
import { isRecord, type JsonValue } from './json';
import type { StateStore, TokenOutcome } from './store';
import { scheduleAt } from './timers';
import { deriveToken, OccurrenceCounter, withToken } from './tokens';

export type InvokeLambda = (functionArn: string, payload: unknown) => Promise<unknown>;
type Handler = (input: JsonValue) => Promise<JsonValue>;

/** What the overrides of one run need from the engine. */
export interface TaskContext {
  executionArn: string;
  region: string;
  slots: TaskSlots;
  registry: CallbackRegistry;
  store: StateStore;
  nowMs: () => number;
  timeoutError: () => Error;
  /** Invokes a function and counts the invocation. */
  invoke: (functionArn: string, payload: JsonValue) => Promise<JsonValue>;
  /** False once the run ended or the engine stopped: no new side effects may start (as after a crash). */
  isActive: () => boolean;
  /** Rejects (with RunAbandoned) when the run ends or halts; every task races against it. */
  abandoned: Promise<never>;
  /** Lets the run cancel the waiter when it ends. */
  track: (waiter: TokenWaiter) => () => void;
}

/** One override per Task state (the library looks them up by state name). */
export function buildTaskHandlers(machine: CompiledMachine, ctx: TaskContext): Record<string, Handler> {
  const counter = new OccurrenceCounter();
  const handlers: Record<string, Handler> = {};
  for (const task of machine.tasks.values()) {
    const run = (input: JsonValue): Promise<JsonValue> => {
      if (task.kind === 'lambda-arn') return runLambdaArn(task, input, ctx);
      if (task.kind === 'invoke') return runInvoke(task, input, ctx);
      // The occurrence is counted synchronously, in the order the run reaches the task.
      return runCallback(task, input, counter.next(task.name, input), ctx);
    };
    handlers[task.name] = (input) => Promise.race([run(input), ctx.abandoned]);
  }
  return handlers;
}

/** AWS reports a function error with its errorType as Error and a JSON Cause. */
export function lambdaFailure(error: unknown): { error: string; cause: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  const errorType = e.name || 'Error';
  const trace = (e.stack ?? '').split('\n').slice(1).map((line) => line.trim());
  return { error: errorType, cause: JSON.stringify({ errorType, errorMessage: e.message, trace }) };
}

class TaskTimeout extends Error {}

/** Races `work` against the state's TimeoutSeconds (a fresh timer: these tasks are simply re-run). */
async function withTimeout<T>(work: Promise<T>, seconds: number | undefined, ctx: TaskContext): Promise<T> {
  if (seconds === undefined) return work;
  let cancel: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = scheduleAt(ctx.nowMs() + seconds * 1000, ctx.nowMs, () => reject(new TaskTimeout()));
  });
  try {
    return await Promise.race([work, timeout, ctx.abandoned]);
  } finally {
    cancel?.();
  }
}

function invokeParameters(task: TaskInfo, input: JsonValue): { functionName: string; payload: JsonValue } {
  const functionName = isRecord(input) ? input.FunctionName : undefined;
  if (typeof functionName !== 'string') throw new TaskError('States.Runtime', `${task.name}: Parameters must set FunctionName`);
  return { functionName, payload: isRecord(input) && (input.Payload as JsonValue | undefined) !== undefined ? input.Payload : {} };
}

function invokeResult(payload: JsonValue): JsonValue {
  return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
}

async function runLambdaArn(task: TaskInfo, input: JsonValue, ctx: TaskContext): Promise<JsonValue> {
  const slot = ctx.slots.open(task.name, input, [
    {
      type: 'LambdaFunctionScheduled',
      lambdaFunctionScheduledEventDetails: { resource: task.resource, input: JSON.stringify(input), timeoutInSeconds: task.timeoutSeconds },
    },
    { type: 'LambdaFunctionStarted' },
  ]);
  if (!ctx.isActive()) return ctx.abandoned;
  try {
    const output = await withTimeout(ctx.invoke(task.resource, input), task.timeoutSeconds, ctx);
    slot.emit({ type: 'LambdaFunctionSucceeded', lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output) } });
    return output;
  } catch (error) {
    if (error instanceof RunAbandoned) throw error;
    if (error instanceof TaskTimeout) {
      slot.emit({ type: 'LambdaFunctionTimedOut', lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' } });
      throw ctx.timeoutError();
    }
    const failure = lambdaFailure(error);
    slot.emit({ type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: failure });
    throw new TaskError(failure.error, failure.cause);
  }
}

function taskEvents(task: TaskInfo, ctx: TaskContext, resource: string, input: JsonValue): EventDraft[] {
  return [
    {
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource,
        region: ctx.region,
        parameters: JSON.stringify(input),
        timeoutInSeconds: task.timeoutSeconds,
        heartbeatInSeconds: task.heartbeatSeconds,
      },
    },
    { type: 'TaskStarted', taskStartedEventDetails: { resourceType: 'lambda', resource } },
  ];
}

async function runInvoke(task: TaskInfo, input: JsonValue, ctx: TaskContext): Promise<JsonValue> {
  const resource = 'invoke';
  const slot = ctx.slots.open(task.name, input, taskEvents(task, ctx, resource, input));
  if (!ctx.isActive()) return ctx.abandoned;
  try {
    const { functionName, payload } = invokeParameters(task, input);
    const result = invokeResult(await withTimeout(ctx.invoke(functionName, payload), task.timeoutSeconds, ctx));
    slot.emit({ type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource, output: JSON.stringify(result) } });
    return result;
  } catch (error) {
    if (error instanceof RunAbandoned) throw error;
    if (error instanceof TaskTimeout) {
      slot.emit({ type: 'TaskTimedOut', taskTimedOutEventDetails: { resourceType: 'lambda', resource, error: 'States.Timeout' } });
      throw ctx.timeoutError();
    }
    const failure = error instanceof TaskError ? { error: error.name, cause: error.message } : lambdaFailure(error);
    slot.emit({ type: 'TaskFailed', taskFailedEventDetails: { resourceType: 'lambda', resource, ...failure } });
    throw new TaskError(failure.error, failure.cause);
  }
}

/**
 * lambda:invoke.waitForTaskToken. The token is stored before the function sees it. On replay a token
 * that already has an outcome completes at once without invoking again; one still waiting re-invokes
 * the function with the same token, its deadlines counted from the stored times.
 */
async function runCallback(task: TaskInfo, input: JsonValue, occurrence: number, ctx: TaskContext): Promise<JsonValue> {
  const resource = 'invoke.waitForTaskToken';
  const slot = ctx.slots.open(task.name, input, taskEvents(task, ctx, resource, input));
  const { functionName, payload } = invokeParameters(task, input);
  const token = deriveToken(ctx.executionArn, task.name, input, occurrence);
  if (!ctx.isActive()) return ctx.abandoned;
  const waiter = ctx.registry.open(token);
  const untrack = ctx.track(waiter);
  try {
    const now = ctx.nowMs();
    const record = await ctx.store.createToken({
      token,
      executionArn: ctx.executionArn,
      stateName: task.name,
      createdAt: now,
      lastHeartbeat: now,
      timeoutSeconds: task.timeoutSeconds,
      heartbeatSeconds: task.heartbeatSeconds,
      status: 'WAITING',
    });
    const stored = outcomeOf(record);
    if (stored) {
      waiter.settle(stored);
    } else {
      waiter.arm(record);
      const deadline = nextDeadline(record);
      const due = deadline !== undefined && deadline.at <= ctx.nowMs();
      if (!due && ctx.isActive()) {
        void ctx
          .invoke(functionName, withToken(payload, token))
          .then((result) => {
            if (!waiter.settled) {
              const output = JSON.stringify(invokeResult(result));
              slot.emit({ type: 'TaskSubmitted', taskSubmittedEventDetails: { resourceType: 'lambda', resource, output } });
            }
          })
          .catch((error: unknown) => ctx.registry.close(record, { status: 'FAILED', ...lambdaFailure(error) }))
          .catch(() => undefined);
      }
    }
    return settleCallback(await waiter.outcome, slot, ctx);
  } finally {
    untrack();
    ctx.registry.forget(waiter);
  }
}

function settleCallback(outcome: TokenOutcome, slot: TaskSlot, ctx: TaskContext): JsonValue {
  const resource = 'invoke.waitForTaskToken';
  if (outcome.status === 'SUCCEEDED') {
    slot.emit({ type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource, output: outcome.output } });
    return JSON.parse(outcome.output) as JsonValue;
  }
  const details = { resourceType: 'lambda', resource, error: outcome.error, cause: outcome.cause };
  if (outcome.status === 'TIMED_OUT') {
    slot.emit({ type: 'TaskTimedOut', taskTimedOutEventDetails: details });
    if (outcome.error === 'States.Timeout') throw ctx.timeoutError();
  } else {
    slot.emit({ type: 'TaskFailed', taskFailedEventDetails: details });
  }
  throw new TaskError(outcome.error, outcome.cause);
}

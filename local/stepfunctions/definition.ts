import type { LoggingConfiguration, StateMachineType, TracingConfiguration } from '@aws-sdk/client-sfn';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { isRecord, replaceInStrings } from './json';

export interface MachineConfig {
  arn: string;
  name: string;
  definition: object;
  /** What DescribeStateMachine reports (from the template); only STANDARD machines are run. */
  type?: StateMachineType;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
}

/** How a Task state is executed locally. */
export type TaskKind = 'lambda-arn' | 'invoke' | 'callback';

export interface TaskInfo {
  name: string;
  kind: TaskKind;
  resource: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

export interface CompiledMachine {
  arn: string;
  name: string;
  region: string;
  roleArn: string;
  config: MachineConfig;
  /** Execution-level TimeoutSeconds, enforced by the engine from the stored start date. */
  timeoutSeconds?: number;
  tasks: Map<string, TaskInfo>;
  stateMachine: StateMachine;
}

/**
 * The library races every Task against its own timer (60 s when TimeoutSeconds is absent, restarted on
 * every run). Timeouts are enforced by the engine from stored times instead, so the library's timer is
 * pushed to the largest value Node's setTimeout accepts (2^31-1 ms ≈ 24.8 days); larger values would
 * overflow to 1 ms.
 */
export const LIBRARY_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Context key that replaces `$$.Execution`: the library rebuilds `$$.Execution.StartTime` (with
 * `new Date()`) and `$$.Execution.Input` (with the Map iteration input) on every (nested) run, which
 * differs from AWS and would make replayed payloads, hence task tokens, unstable.
 */
export const STABLE_EXECUTION_KEY = 'LocalStableExecution';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const INVOKE_CALLBACK = /^arn:aws[a-z-]*:states:::lambda:invoke\.waitForTaskToken$/;

class DefinitionError extends Error {
  constructor(machine: string, message: string) {
    super(`State machine ${machine}: ${message}`);
    this.name = 'DefinitionError';
  }
}

/** Validates a definition, records its Task states and builds the library's copy of it. */
export function compileMachine(config: MachineConfig): CompiledMachine {
  const fail = (message: string): never => {
    throw new DefinitionError(config.arn, message);
  };
  if (!isRecord(config.definition)) fail('definition must be an object');
  if (config.type !== undefined && config.type !== 'STANDARD') fail('only STANDARD state machines are supported');
  const copy = replaceInStrings(
    JSON.parse(JSON.stringify(config.definition)) as Record<string, unknown>,
    '$$.Execution',
    `$$.${STABLE_EXECUTION_KEY}`,
  );
  if (copy.QueryLanguage !== undefined && copy.QueryLanguage !== 'JSONPath') fail('only JSONPath is supported');
  const timeoutSeconds = typeof copy.TimeoutSeconds === 'number' ? copy.TimeoutSeconds : undefined;
  delete copy.TimeoutSeconds;

  const tasks = new Map<string, TaskInfo>();
  const seen = new Set<string>();
  walk(copy, tasks, seen, fail);

  let stateMachine: StateMachine;
  try {
    stateMachine = new StateMachine(copy as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const [, , , region = 'us-east-1', account = '000000000000'] = config.arn.split(':');
  const roleArn = config.roleArn ?? `arn:aws:iam::${account}:role/${config.name}-role`;
  return { arn: config.arn, name: config.name, region: region || 'us-east-1', roleArn, config, timeoutSeconds, tasks, stateMachine };
}

/** Walks States (and Map/Parallel sub-machines), classifying and rewriting Task states in place. */
function walk(
  machine: Record<string, unknown>,
  tasks: Map<string, TaskInfo>,
  seen: Set<string>,
  fail: (message: string) => never,
): void {
  const states = machine.States;
  if (!isRecord(states)) return fail('States must be an object');
  for (const [name, state] of Object.entries(states)) {
    if (!isRecord(state)) return fail(`state ${name} must be an object`);
    // Tokens and per-state bookkeeping are keyed by state name.
    if (seen.has(name)) fail(`state name ${name} is used twice`);
    seen.add(name);
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath') fail(`${name}: only JSONPath is supported`);
    if (state.Type === 'Task') tasks.set(name, rewriteTask(name, state, fail));
    if (state.Type === 'Map') {
      for (const key of ['ItemReader', 'ResultWriter', 'ItemBatcher']) {
        if (key in state) fail(`${name}: distributed Map (${key}) is not supported`);
      }
      const processor = state.ItemProcessor ?? state.Iterator;
      if (!isRecord(processor)) return fail(`${name}: Map without ItemProcessor`);
      walk(processor, tasks, seen, fail);
    }
    if (state.Type === 'Parallel') {
      if (!Array.isArray(state.Branches)) return fail(`${name}: Parallel without Branches`);
      for (const branch of state.Branches) {
        if (!isRecord(branch)) return fail(`${name}: invalid branch`);
        walk(branch, tasks, seen, fail);
      }
    }
  }
}

function rewriteTask(name: string, state: Record<string, unknown>, fail: (message: string) => never): TaskInfo {
  const resource = state.Resource;
  if (typeof resource !== 'string') return fail(`${name}: Resource must be a string`);
  let kind: TaskKind;
  if (LAMBDA_ARN.test(resource)) kind = 'lambda-arn';
  else if (INVOKE.test(resource)) kind = 'invoke';
  else if (INVOKE_CALLBACK.test(resource)) kind = 'callback';
  else return fail(`${name}: unsupported Task resource ${resource}`);

  for (const key of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
    if (key in state) fail(`${name}: ${key} is not supported`);
  }
  if (kind === 'callback' && !JSON.stringify(state.Parameters ?? null).includes('$$.Task.Token')) {
    fail(`${name}: a .waitForTaskToken task must pass $$.Task.Token in its Parameters`);
  }
  const info: TaskInfo = { name, kind, resource };
  const timeout = state.TimeoutSeconds;
  const heartbeat = state.HeartbeatSeconds;
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || timeout <= 0) fail(`${name}: invalid TimeoutSeconds`);
    info.timeoutSeconds = timeout;
  }
  if (heartbeat !== undefined) {
    if (typeof heartbeat !== 'number' || heartbeat <= 0) fail(`${name}: invalid HeartbeatSeconds`);
    info.heartbeatSeconds = heartbeat;
  }
  delete state.HeartbeatSeconds;
  state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
  return info;
}

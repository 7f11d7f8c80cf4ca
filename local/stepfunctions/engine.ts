import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsInput,
  ListExecutionsOutput,
  SendTaskFailureInput,
  SendTaskFailureOutput,
  SendTaskHeartbeatInput,
  SendTaskHeartbeatOutput,
  SendTaskSuccessInput,
  SendTaskSuccessOutput,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CallbackRegistry } from './callbacks';
import { compileMachine, type CompiledMachine, type MachineConfig } from './definition';
import { SfnError } from './errors';
import { ExecutionRun, type ExecutionStats } from './execution';
import { dataDetails } from './history';
import { sameJson, tryParseJson } from './json';
import { libraryTimeoutError } from './library-timeout';
import type { InvokeLambda } from './overrides';
import { StateStore, type ExecutionRecord, type ExecutionStatus } from './store';

export interface LocalStepFunctionsOptions {
  machines: MachineConfig[];
  invokeLambda: InvokeLambda;
  documentClient: DynamoDBDocumentClient;
  /** The emulator's own state table (created by start() when missing). */
  tableName: string;
  now?: () => Date;
}

// AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters.
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

function page<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined, max: number): { items: T[]; nextToken?: string } {
  const start = nextToken ? Number.parseInt(nextToken, 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SfnError('ValidationException', 'Invalid nextToken');
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, max) : max;
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}

/**
 * A local, durable Step Functions (Standard, JSONPath) on top of aws-local-stepfunctions: task tokens,
 * heartbeats and timeouts, and executions that survive a crash (store.ts: what is stored; tokens.ts:
 * the token scheme; overrides.ts: replay of tasks; execution.ts: one run).
 */
export class LocalStepFunctions {
  private readonly store: StateStore;
  private readonly registry: CallbackRegistry;
  private readonly now: () => Date;
  private readonly machines = new Map<string, CompiledMachine>();
  private readonly runs = new Map<string, ExecutionRun>();
  private timeoutError: (() => Error) | undefined;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.now = options.now ?? (() => new Date());
    this.store = new StateStore(options.documentClient, options.tableName);
    this.registry = new CallbackRegistry(this.store, this.now);
  }

  /** Compiles the machines (unsupported features fail here), prepares the table, resumes RUNNING executions. */
  async start(): Promise<void> {
    for (const config of this.options.machines) this.machines.set(config.arn, compileMachine(config));
    this.timeoutError = await libraryTimeoutError();
    await this.store.ensureTable();
    for (const record of await this.store.listRunningExecutions()) {
      // An execution of a machine that is no longer defined is left as it is.
      if (this.machines.has(record.stateMachineArn)) this.launch(record);
    }
  }

  /** Stops timers and in-memory runs without touching stored state, as a crash would. */
  async stop(): Promise<void> {
    for (const run of this.runs.values()) run.halt();
    this.runs.clear();
    this.timeoutError = undefined;
  }

  executionStats(executionArn: string): ExecutionStats {
    const stats = this.runs.get(executionArn)?.stats;
    return stats ? { ...stats } : { stateTransitions: 0, lambdaInvocations: 0 };
  }

  async startExecution(request: StartExecutionInput): Promise<StartExecutionOutput> {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    if (!tryParseJson(input)) throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not a JSON document');
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const { created, record } = await this.store.createExecution({
      executionArn,
      stateMachineArn: machine.arn,
      name,
      input,
      status: 'RUNNING',
      startDate: this.now().getTime(),
    });
    if (!created && !sameJson(record.input, input)) {
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    if (created) this.launch(record);
    return { executionArn, startDate: new Date(record.startDate) };
  }

  async stopExecution(request: StopExecutionInput): Promise<StopExecutionOutput> {
    const record = await this.execution(request.executionArn);
    if (record.status === 'RUNNING') {
      const close = { status: 'ABORTED' as const, stopDate: this.now().getTime(), error: request.error, cause: request.cause };
      if (await this.store.closeExecution(record.executionArn, close)) {
        await this.runs.get(record.executionArn)?.aborted(close);
        return { stopDate: new Date(close.stopDate) };
      }
    }
    const latest = await this.execution(record.executionArn);
    return { stopDate: new Date(latest.stopDate ?? this.now().getTime()) };
  }

  async describeExecution(request: DescribeExecutionInput): Promise<DescribeExecutionOutput> {
    const r = await this.execution(request.executionArn);
    return {
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      status: r.status,
      startDate: new Date(r.startDate),
      stopDate: r.stopDate === undefined ? undefined : new Date(r.stopDate),
      input: r.input,
      inputDetails: { included: true },
      output: r.output,
      outputDetails: r.output === undefined ? undefined : { included: true },
      error: r.error,
      cause: r.cause,
      redriveCount: 0,
    };
  }

  async listExecutions(request: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const machine = this.machine(request.stateMachineArn);
    if (request.statusFilter !== undefined && !STATUSES.includes(request.statusFilter as ExecutionStatus)) {
      throw new SfnError('ValidationException', `Invalid statusFilter: ${request.statusFilter}`);
    }
    const records = (await this.store.listExecutions(machine.arn)).filter(
      (r) => request.statusFilter === undefined || r.status === request.statusFilter,
    );
    const { items, nextToken } = page(records, request.maxResults, request.nextToken, 1000);
    const executions: ExecutionListItem[] = items.map((r) => ({
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      status: r.status,
      startDate: new Date(r.startDate),
      stopDate: r.stopDate === undefined ? undefined : new Date(r.stopDate),
    }));
    return { executions, nextToken };
  }

  async getExecutionHistory(request: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    const record = await this.execution(request.executionArn);
    let events = this.runs.get(record.executionArn)?.history.events ?? summaryHistory(record);
    if (request.reverseOrder) events = [...events].reverse();
    if (request.includeExecutionData === false) events = events.map(withoutData);
    const result = page(events, request.maxResults, request.nextToken, 1000);
    return { events: result.items, nextToken: result.nextToken };
  }

  async sendTaskSuccess(request: SendTaskSuccessInput): Promise<SendTaskSuccessOutput> {
    await this.registry.sendSuccess(request.taskToken, request.output);
    return {};
  }

  async sendTaskFailure(request: SendTaskFailureInput): Promise<SendTaskFailureOutput> {
    await this.registry.sendFailure(request.taskToken, request.error, request.cause);
    return {};
  }

  async sendTaskHeartbeat(request: SendTaskHeartbeatInput): Promise<SendTaskHeartbeatOutput> {
    await this.registry.sendHeartbeat(request.taskToken);
    return {};
  }

  private launch(record: ExecutionRecord): void {
    const machine = this.machines.get(record.stateMachineArn);
    const timeoutError = this.timeoutError;
    if (!machine || !timeoutError) throw new Error('LocalStepFunctions is not started');
    if (this.runs.get(record.executionArn)?.isRunning) return;
    const run = new ExecutionRun(record, machine, {
      store: this.store,
      registry: this.registry,
      invokeLambda: this.options.invokeLambda,
      now: this.now,
      timeoutError,
    });
    this.runs.set(record.executionArn, run);
    run.start();
  }

  private machine(arn: string | undefined): CompiledMachine {
    if (!this.timeoutError) throw new Error('LocalStepFunctions is not started');
    if (!arn) throw new SfnError('ValidationException', 'stateMachineArn is required');
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private async execution(arn: string | undefined): Promise<ExecutionRecord> {
    if (!arn) throw new SfnError('ValidationException', 'executionArn is required');
    const record = await this.store.getExecution(arn);
    if (!record) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }
}

/** History of an execution that ran before this process started: its start and, if any, its end. */
function summaryHistory(r: ExecutionRecord): HistoryEvent[] {
  const events: HistoryEvent[] = [
    {
      id: 1,
      previousEventId: 0,
      timestamp: new Date(r.startDate),
      type: 'ExecutionStarted',
      executionStartedEventDetails: { input: r.input, inputDetails: dataDetails },
    },
  ];
  const at = new Date(r.stopDate ?? r.startDate);
  const failure = { error: r.error, cause: r.cause };
  const end = { id: 2, previousEventId: 1, timestamp: at };
  if (r.status === 'SUCCEEDED') {
    events.push({ ...end, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: r.output, outputDetails: dataDetails } });
  }
  if (r.status === 'FAILED') events.push({ ...end, type: 'ExecutionFailed', executionFailedEventDetails: failure });
  if (r.status === 'TIMED_OUT') events.push({ ...end, type: 'ExecutionTimedOut', executionTimedOutEventDetails: failure });
  if (r.status === 'ABORTED') events.push({ ...end, type: 'ExecutionAborted', executionAbortedEventDetails: failure });
  return events;
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  if (copy.executionStartedEventDetails) copy.executionStartedEventDetails = { ...copy.executionStartedEventDetails, input: undefined };
  if (copy.executionSucceededEventDetails) copy.executionSucceededEventDetails = { ...copy.executionSucceededEventDetails, output: undefined };
  if (copy.stateEnteredEventDetails) copy.stateEnteredEventDetails = { ...copy.stateEnteredEventDetails, input: undefined };
  if (copy.stateExitedEventDetails) copy.stateExitedEventDetails = { ...copy.stateExitedEventDetails, output: undefined };
  return copy;
}

import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionInput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineInput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  ListStateMachinesInput,
  ListStateMachinesOutput,
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
import * as arns from './arns';
import { CallbackRegistry } from './callbacks';
import { compileMachine, type CompiledMachine, type MachineConfig } from './definition';
import { SfnError } from './errors';
import { ExecutionRun, type ExecutionStats } from './execution';
import { HistoryStore, type StoredEvent } from './history-store';
import { historyPage, storedHistory } from './history-view';
import { sameJson, tryParseJson } from './json';
import { libraryTimeoutError } from './library-timeout';
import { describeStateMachine, describeStateMachineForExecution, listStateMachines, type MachineEntry } from './machine-view';
import type { InvokeLambda } from './overrides';
import { pageAfter } from './paging';
import { executionSortKey, StateStore, type ExecutionRecord } from './store';

export interface LocalStepFunctionsOptions {
  machines: MachineConfig[];
  invokeLambda: InvokeLambda;
  documentClient: DynamoDBDocumentClient;
  /** The emulator's own state table, and `<tableName>-history` beside it (created by start() when missing). */
  tableName: string;
  now?: () => Date;
}

// AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters.
// eslint-disable-next-line no-control-regex -- control characters are what AWS refuses in a name
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
// PENDING_REDRIVE is a valid filter in AWS; nothing is ever redriven here, so it matches nothing.
const MAX_FINISHED_STATS = 100_000;
const STATUS_FILTERS = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/**
 * A local, durable Step Functions (Standard, JSONPath) on top of aws-local-stepfunctions: task tokens,
 * heartbeats and timeouts, and executions that survive a crash (store.ts: what is stored; tokens.ts:
 * the token scheme; overrides.ts: replay of tasks; execution.ts: one run).
 */
export class LocalStepFunctions {
  private readonly store: StateStore;
  private readonly history: HistoryStore;
  private readonly registry: CallbackRegistry;
  private readonly now: () => Date;
  private readonly machines = new Map<string, MachineEntry>();
  /** Runs in progress only: a run leaves once settled, so memory does not grow with executions run. */
  private readonly runs = new Map<string, ExecutionRun>();
  /** The stats of recent runs (a local-only figure for benchmarks), bounded. */
  private readonly finishedStats = new Map<string, ExecutionStats>();
  private timeoutError: (() => Error) | undefined;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.now = options.now ?? (() => new Date());
    this.store = new StateStore(options.documentClient, options.tableName);
    this.history = new HistoryStore(options.documentClient, `${options.tableName}-history`);
    this.registry = new CallbackRegistry(this.store, this.now);
  }

  /** Compiles the machines (unsupported features fail here), prepares the table, resumes RUNNING executions. */
  async start(): Promise<void> {
    const compiled = this.options.machines.map(compileMachine);
    this.timeoutError = await libraryTimeoutError();
    await this.store.ensureTable();
    await this.history.ensureTable();
    for (const machine of compiled) {
      const creationDate = new Date(await this.store.registerMachine(machine.arn, this.now().getTime()));
      this.machines.set(machine.arn, { machine, creationDate });
    }
    for (const record of await this.store.listRunningExecutions()) {
      // An execution of a machine that is no longer defined is left as it is.
      if (this.machines.has(record.stateMachineArn)) this.launch(record, await this.history.loadForReplay(record.executionArn));
    }
  }

  /**
   * Stops timers and in-memory runs without changing any execution or token, as a crash would; the
   * history events already produced are still written (a replay recognises them).
   */
  async stop(): Promise<void> {
    const runs = [...this.runs.values()];
    for (const run of runs) run.halt();
    await Promise.all(runs.map((run) => run.history.written()));
    this.runs.clear();
    this.timeoutError = undefined;
  }

  executionStats(executionArn: string): ExecutionStats {
    const stats = this.runs.get(executionArn)?.stats ?? this.finishedStats.get(executionArn);
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
    if (created) this.launch(record, []);
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

  // eslint-disable-next-line @typescript-eslint/require-await -- async: what it throws (SfnError) becomes a rejection, as the API answers
  async listStateMachines(request: ListStateMachinesInput): Promise<ListStateMachinesOutput> {
    return listStateMachines([...this.machines.values()], request);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async: what it throws (SfnError) becomes a rejection, as the API answers
  async describeStateMachine(request: DescribeStateMachineInput): Promise<DescribeStateMachineOutput> {
    return describeStateMachine(this.entry(request.stateMachineArn));
  }

  async describeStateMachineForExecution(request: DescribeStateMachineForExecutionInput): Promise<DescribeStateMachineForExecutionOutput> {
    const record = await this.execution(request.executionArn);
    const entry = this.machines.get(record.stateMachineArn);
    if (!entry) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${record.stateMachineArn}'`);
    return describeStateMachineForExecution(entry);
  }

  /** Newest first; the token holds the (start date, name) of the last execution returned. */
  async listExecutions(request: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const machine = this.machine(request.stateMachineArn);
    const filter = request.statusFilter ?? undefined;
    if (filter !== undefined && !STATUS_FILTERS.includes(filter)) {
      throw new SfnError('ValidationException', `1 validation error detected: Value '${filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUS_FILTERS.join(', ')}]`);
    }
    const records = (await this.store.listExecutions(machine.arn)).filter((r) => filter === undefined || r.status === filter);
    const scope = ['ListExecutions', machine.arn, filter ?? null];
    const { items, nextToken } = pageAfter(records, executionSortKey, (key, after) => key < after, request, scope, 'string');
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

  /**
   * The whole history: the run's own while it is in this process (once its events so far are stored,
   * so that what an operator saw survives a crash), else what is stored.
   */
  async getExecutionHistory(request: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    const record = await this.execution(request.executionArn);
    const run = this.runs.get(record.executionArn);
    if (run) {
      await run.history.written();
      return historyPage(run.history.events, request);
    }
    return historyPage(storedHistory(record, (await this.history.list(record.executionArn)).map((e) => e.event)), request);
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

  /** Runs an execution in this process; `recorded` is its history so far (after a restart). */
  private launch(record: ExecutionRecord, recorded: StoredEvent[]): void {
    const machine = this.machines.get(record.stateMachineArn)?.machine;
    const timeoutError = this.timeoutError;
    if (!machine || !timeoutError) throw new Error('LocalStepFunctions is not started');
    if (this.runs.get(record.executionArn)?.isRunning) return;
    const deps = { store: this.store, history: this.history, registry: this.registry, invokeLambda: this.options.invokeLambda, now: this.now, timeoutError };
    const run = new ExecutionRun(record, machine, deps, recorded);
    this.runs.set(record.executionArn, run);
    void run.settled.then(() => {
      if (this.runs.get(record.executionArn) !== run) return;
      this.runs.delete(record.executionArn);
      this.finishedStats.set(record.executionArn, run.stats);
      if (this.finishedStats.size > MAX_FINISHED_STATS) this.finishedStats.delete(this.finishedStats.keys().next().value ?? '');
    });
    run.start();
  }

  private entry(stateMachineArn: string | undefined): MachineEntry {
    if (!this.timeoutError) throw new Error('LocalStepFunctions is not started');
    const arn = arns.stateMachineArn(stateMachineArn);
    const entry = this.machines.get(arn);
    if (!entry) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return entry;
  }

  private machine(stateMachineArn: string | undefined): CompiledMachine {
    return this.entry(stateMachineArn).machine;
  }

  private async execution(executionArn: string | undefined): Promise<ExecutionRecord> {
    const arn = arns.executionArn(executionArn);
    const record = await this.store.getExecution(arn);
    if (!record) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }
}

import { ExecutionError } from 'aws-local-stepfunctions';
import type { CallbackRegistry, TokenWaiter } from './callbacks';
import { RunAbandoned } from './errors';
import { STABLE_EXECUTION_KEY, type CompiledMachine } from './definition';
import { recordLibraryEvent, TaskSlots, type LibraryEvent } from './history';
import { HistoryLog } from './history-log';
import { closeOf, terminalEvent } from './history-view';
import type { HistoryStore, StoredEvent } from './history-store';
import type { JsonValue } from './json';
import { buildTaskHandlers, type InvokeLambda } from './overrides';
import type { ExecutionClose, ExecutionRecord, StateStore } from './store';
import { scheduleAt } from './timers';
import { TOKEN_PLACEHOLDER } from './tokens';

export interface ExecutionStats {
  /** States entered (including inside Map iterations and Parallel branches, and on replay). */
  stateTransitions: number;
  /** Function invocations made by this engine for the execution (replayed callbacks do not invoke). */
  lambdaInvocations: number;
}

export interface RunDeps {
  store: StateStore;
  history: HistoryStore;
  registry: CallbackRegistry;
  invokeLambda: InvokeLambda;
  now: () => Date;
  timeoutError: () => Error;
}

type Phase = 'running' | 'ending' | 'halted';

/**
 * One execution running in this process: the library run, its history and stats, its waiters. The
 * library always starts from the execution's input; durability comes from the tokens (see overrides)
 * and the stored history, which a replay continues (see HistoryLog).
 */
export class ExecutionRun {
  readonly history: HistoryLog;
  readonly stats: ExecutionStats = { stateTransitions: 0, lambdaInvocations: 0 };
  private phase: Phase = 'running';
  private readonly waiters = new Set<TokenWaiter>();
  private abortLibrary: () => void = () => undefined;
  private cancelTimeout: () => void = () => undefined;
  private consumed: Promise<void> = Promise.resolve();
  private abandon: (reason: Error) => void = () => undefined;
  private settle: () => void = () => undefined;
  /** Settles once the run has ended or halted and every history event it produced is stored. */
  readonly settled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });
  private readonly abandoned = new Promise<never>((_, reject) => {
    this.abandon = reject;
  });

  constructor(
    readonly record: ExecutionRecord,
    private readonly machine: CompiledMachine,
    private readonly deps: RunDeps,
    /** The history stored before a restart (empty for a new execution). */
    recorded: StoredEvent[] = [],
  ) {
    this.history = new HistoryLog(deps.now, (events) => deps.history.append(record.executionArn, events), recorded);
    this.abandoned.catch(() => undefined); // it is only ever raced against
  }

  get isRunning(): boolean {
    return this.phase === 'running';
  }

  start(): void {
    const { record, machine, deps } = this;
    const nowMs = (): number => deps.now().getTime();
    const slots = new TaskSlots(this.history);
    const handlers = buildTaskHandlers(machine, {
      executionArn: record.executionArn,
      region: machine.region,
      slots,
      registry: deps.registry,
      store: deps.store,
      nowMs,
      timeoutError: deps.timeoutError,
      isActive: () => this.phase === 'running',
      abandoned: this.abandoned,
      invoke: async (functionArn, payload) => {
        this.stats.lambdaInvocations++;
        const result = await deps.invokeLambda(functionArn, payload);
        return (result === undefined ? null : result) as JsonValue;
      },
      track: (waiter) => {
        this.waiters.add(waiter);
        return () => this.waiters.delete(waiter);
      },
    });
    const execution = {
      Id: record.executionArn,
      Name: record.name,
      Input: JSON.parse(record.input) as JsonValue,
      StartTime: new Date(record.startDate).toISOString(),
      RoleArn: machine.roleArn,
      RedriveCount: 0,
    };
    const run = machine.stateMachine.run(execution.Input, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: execution,
        [STABLE_EXECUTION_KEY]: execution,
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    this.abortLibrary = run.abort;
    this.consumed = this.consume(run.eventLogs, slots);
    if (machine.timeoutSeconds !== undefined) {
      this.cancelTimeout = scheduleAt(record.startDate + machine.timeoutSeconds * 1000, nowMs, () => {
        void this.end({ status: 'TIMED_OUT', stopDate: nowMs(), error: 'States.Timeout' }, true).catch(() => undefined);
      });
    }
    run.result.then(
      (output) => this.end({ status: 'SUCCEEDED', stopDate: nowMs(), output: JSON.stringify(output) }, true),
      (error: unknown) => this.end({ status: 'FAILED', stopDate: nowMs(), ...failureOf(error) }, true),
    ).catch(() => undefined);
  }

  /** StopExecution already stored ABORTED: stop the run and close the history. */
  async aborted(close: ExecutionClose): Promise<void> {
    await this.end(close, false);
  }

  /** Engine stop: drop everything in memory and write nothing, as a crash would. */
  halt(): void {
    if (this.phase !== 'running') return;
    this.phase = 'halted';
    this.history.close();
    this.cleanup();
    void this.history.written().catch(() => undefined).then(this.settle);
  }

  private cleanup(): void {
    this.cancelTimeout();
    for (const waiter of this.waiters) waiter.cancel();
    this.waiters.clear();
    this.abortLibrary();
    this.abandon(new RunAbandoned());
  }

  /** Ends the run once; `persist` writes the final status (conditional on the execution still RUNNING). */
  private async end(close: ExecutionClose, persist: boolean): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'ending';
    let final: ExecutionClose | undefined = close;
    if (persist && !(await this.deps.store.closeExecution(this.record.executionArn, close))) {
      // Closed meanwhile (StopExecution): the history reports what is stored.
      final = closeOf(await this.deps.store.getExecution(this.record.executionArn));
    }
    this.cleanup();
    await this.consumed;
    if (final) this.history.append(terminalEvent(final), [final.status]);
    await this.history.written().catch(() => undefined);
    this.settle();
  }

  private async consume(events: AsyncGenerator<LibraryEvent>, slots: TaskSlots): Promise<void> {
    try {
      for await (const event of events) {
        recordLibraryEvent(event, this.history, slots, () => this.stats.stateTransitions++);
      }
    } catch {
      // The history is best effort; the execution's outcome does not depend on it.
    }
  }
}

function failureOf(error: unknown): { error: string; cause?: string } {
  const cause = error instanceof ExecutionError ? error.cause : error;
  if (cause instanceof Error) return { error: cause.name, cause: cause.message || undefined };
  return { error: 'States.Runtime', cause: String(cause) };
}

import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';

type LibraryRun = ReturnType<StateMachine['run']>;
/** One event of the library's eventLogs (the type is not exported by name). */
export type LibraryEvent = LibraryRun['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type StateType = 'Task' | 'Parallel' | 'Map' | 'Pass' | 'Wait' | 'Choice' | 'Succeed' | 'Fail';

/** A history event before it gets its id and timestamp. */
export type EventDraft = Omit<HistoryEvent, 'id' | 'timestamp' | 'previousEventId'> & { type: HistoryEventType };

const ENTERED: Record<StateType, HistoryEventType> = {
  Task: 'TaskStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
  Pass: 'PassStateEntered',
  Wait: 'WaitStateEntered',
  Choice: 'ChoiceStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
};
const EXITED: Record<Exclude<StateType, 'Fail'>, HistoryEventType> = {
  Task: 'TaskStateExited',
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
  Pass: 'PassStateExited',
  Wait: 'WaitStateExited',
  Choice: 'ChoiceStateExited',
  Succeed: 'SucceedStateExited',
};

export const dataDetails = { truncated: false };

/** An execution's history, in memory (it is re-generated when an execution is replayed). */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly now: () => Date) {}

  append(draft: EventDraft): void {
    const id = this.events.length + 1;
    this.events.push({ ...draft, id, previousEventId: id - 1, timestamp: this.now() });
  }
}

/**
 * Task events (TaskScheduled…TaskSucceeded) come from the overrides, which run synchronously right after
 * the library dispatches StateEntered/StateRetried but before that event reaches our (asynchronous)
 * consumer. A slot buffers a task's events until the consumer has written the matching StateEntered, so
 * the history keeps AWS's order. Slots of one state are paired first-in first-out.
 */
export class TaskSlot {
  private started = false;
  private readonly pending: EventDraft[] = [];

  constructor(
    private readonly log: HistoryLog,
    private readonly opening: EventDraft[],
  ) {}

  emit(draft: EventDraft): void {
    if (this.started) this.log.append(draft);
    else this.pending.push(draft);
  }

  start(): void {
    this.started = true;
    for (const draft of [...this.opening, ...this.pending.splice(0)]) this.log.append(draft);
  }
}

export class TaskSlots {
  private readonly queues = new Map<string, TaskSlot[]>();

  constructor(private readonly log: HistoryLog) {}

  open(stateName: string, opening: EventDraft[]): TaskSlot {
    const slot = new TaskSlot(this.log, opening);
    const queue = this.queues.get(stateName) ?? [];
    queue.push(slot);
    this.queues.set(stateName, queue);
    return slot;
  }

  take(stateName: string): TaskSlot | undefined {
    return this.queues.get(stateName)?.shift();
  }
}

/**
 * Maps one library event to AWS history events. Execution-level end events are written by the run
 * itself (it knows about StopExecution and timeouts); Task outcomes by the overrides.
 */
export function recordLibraryEvent(event: LibraryEvent, log: HistoryLog, slots: TaskSlots, onStateEntered: () => void): void {
  switch (event.type) {
    case 'ExecutionStarted':
      log.append({
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: JSON.stringify(event.input), inputDetails: dataDetails },
      });
      return;
    case 'StateEntered': {
      onStateEntered();
      const { name, type, input } = event.state;
      log.append({
        type: ENTERED[type],
        stateEnteredEventDetails: { name, input: JSON.stringify(input), inputDetails: dataDetails },
      });
      if (type === 'Map') log.append({ type: 'MapStateStarted', mapStateStartedEventDetails: {} });
      if (type === 'Parallel') log.append({ type: 'ParallelStateStarted' });
      if (type === 'Task') slots.take(name)?.start();
      return;
    }
    case 'StateRetried':
      if (event.state.type === 'Task') slots.take(event.state.name)?.start();
      return;
    case 'StateExited': {
      const { name, type, output } = event.state;
      if (type === 'Fail') return;
      if (type === 'Map') log.append({ type: 'MapStateSucceeded' });
      if (type === 'Parallel') log.append({ type: 'ParallelStateSucceeded' });
      log.append({
        type: EXITED[type],
        stateExitedEventDetails: { name, output: JSON.stringify(output ?? null), outputDetails: dataDetails },
      });
      return;
    }
    case 'StateFailed':
      if (event.state.type === 'Map') log.append({ type: 'MapStateFailed' });
      if (event.state.type === 'Parallel') log.append({ type: 'ParallelStateFailed' });
      return;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const details = { name: event.parentState.name, index: event.index };
      if (event.type === 'MapIterationStarted') log.append({ type: event.type, mapIterationStartedEventDetails: details });
      if (event.type === 'MapIterationSucceeded') log.append({ type: event.type, mapIterationSucceededEventDetails: details });
      if (event.type === 'MapIterationFailed') log.append({ type: event.type, mapIterationFailedEventDetails: details });
      return;
    }
    default:
      return;
  }
}

import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { EventDraft, EventKey, HistoryLog } from './history-log';

type LibraryRun = ReturnType<StateMachine['run']>;
/** One event of the library's eventLogs (the type is not exported by name). */
export type LibraryEvent = LibraryRun['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type StateType = 'Task' | 'Parallel' | 'Map' | 'Pass' | 'Wait' | 'Choice' | 'Succeed' | 'Fail';

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
    /** The task's state and effective input: what its events are recognised by on replay. */
    private readonly key: EventKey,
    private readonly opening: EventDraft[],
  ) {}

  emit(draft: EventDraft): void {
    if (this.started) this.append(draft);
    else this.pending.push(draft);
  }

  start(): void {
    this.started = true;
    for (const draft of [...this.opening, ...this.pending.splice(0)]) this.append(draft);
  }

  private append(draft: EventDraft): void {
    this.log.append(draft, [...this.key, draft.type]);
  }
}

export class TaskSlots {
  private readonly queues = new Map<string, TaskSlot[]>();

  constructor(private readonly log: HistoryLog) {}

  open(stateName: string, input: unknown, opening: EventDraft[]): TaskSlot {
    const slot = new TaskSlot(this.log, ['task', stateName, input], opening);
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
 * Maps one library event to AWS history events, each with the key it is recognised by on replay
 * (see HistoryLog). Execution-level end events are written by the run itself (it knows about
 * StopExecution and timeouts); Task outcomes by the overrides.
 */
export function recordLibraryEvent(event: LibraryEvent, log: HistoryLog, slots: TaskSlots, onStateEntered: () => void): void {
  switch (event.type) {
    case 'ExecutionStarted':
      log.append(
        { type: 'ExecutionStarted', executionStartedEventDetails: { input: JSON.stringify(event.input), inputDetails: dataDetails } },
        ['ExecutionStarted'],
      );
      return;
    case 'StateEntered': {
      onStateEntered();
      const { name, type, input } = event.state;
      const entered = ENTERED[type];
      log.append({ type: entered, stateEnteredEventDetails: { name, input: JSON.stringify(input), inputDetails: dataDetails } }, [entered, name, input]);
      if (type === 'Map') log.append({ type: 'MapStateStarted', mapStateStartedEventDetails: {} }, ['MapStateStarted', name, input]);
      if (type === 'Parallel') log.append({ type: 'ParallelStateStarted' }, ['ParallelStateStarted', name, input]);
      if (type === 'Task') slots.take(name)?.start();
      return;
    }
    case 'StateRetried':
      if (event.state.type === 'Task') slots.take(event.state.name)?.start();
      return;
    case 'StateExited': {
      const { name, type, input, output } = event.state;
      if (type === 'Fail') return;
      if (type === 'Map') log.append({ type: 'MapStateSucceeded' }, ['MapStateSucceeded', name, input]);
      if (type === 'Parallel') log.append({ type: 'ParallelStateSucceeded' }, ['ParallelStateSucceeded', name, input]);
      const exited = EXITED[type];
      log.append(
        { type: exited, stateExitedEventDetails: { name, output: JSON.stringify(output ?? null), outputDetails: dataDetails } },
        [exited, name, input],
      );
      return;
    }
    case 'StateFailed': {
      const { name, type, input } = event.state;
      if (type === 'Map') log.append({ type: 'MapStateFailed' }, ['MapStateFailed', name, input]);
      if (type === 'Parallel') log.append({ type: 'ParallelStateFailed' }, ['ParallelStateFailed', name, input]);
      return;
    }
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const details = { name: event.parentState.name, index: event.index };
      const key = [event.type, event.parentState.name, event.parentState.input, event.index];
      if (event.type === 'MapIterationStarted') log.append({ type: event.type, mapIterationStartedEventDetails: details }, key);
      if (event.type === 'MapIterationSucceeded') log.append({ type: event.type, mapIterationSucceededEventDetails: details }, key);
      if (event.type === 'MapIterationFailed') log.append({ type: event.type, mapIterationFailedEventDetails: details }, key);
      return;
    }
    default:
      return;
  }
}

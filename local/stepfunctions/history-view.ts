import type { GetExecutionHistoryInput, GetExecutionHistoryOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import { dataDetails } from './history';
import type { EventDraft } from './history-log';
import { isRecord } from './json';
import { pageAfter } from './paging';
import type { ExecutionClose, ExecutionRecord } from './store';

export function terminalEvent(close: ExecutionClose): EventDraft {
  const failure = { error: close.error, cause: close.cause };
  switch (close.status) {
    case 'SUCCEEDED':
      return { type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: close.output, outputDetails: dataDetails } };
    case 'FAILED':
      return { type: 'ExecutionFailed', executionFailedEventDetails: failure };
    case 'TIMED_OUT':
      return { type: 'ExecutionTimedOut', executionTimedOutEventDetails: failure };
    case 'ABORTED':
      return { type: 'ExecutionAborted', executionAbortedEventDetails: failure };
  }
}

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** How a closed execution ended, from its record. */
export function closeOf(r: ExecutionRecord | undefined): ExecutionClose | undefined {
  if (!r || r.status === 'RUNNING') return undefined;
  return { status: r.status, stopDate: r.stopDate ?? r.startDate, output: r.output, error: r.error, cause: r.cause };
}

function withId(draft: EventDraft, id: number, at: number): HistoryEvent {
  return { ...draft, id, previousEventId: id - 1, timestamp: new Date(at) };
}

/**
 * The history of an execution that is not running in this process, from what is stored: its events
 * and, when the process stopped between closing the execution and writing the closing event, that
 * event (from the execution's record). An execution stored before histories were kept shows its
 * start and end only.
 */
export function storedHistory(r: ExecutionRecord, stored: HistoryEvent[]): HistoryEvent[] {
  const events = stored.length > 0 ? [...stored] : [withId({ type: 'ExecutionStarted', executionStartedEventDetails: { input: r.input, inputDetails: dataDetails } }, 1, r.startDate)];
  const close = closeOf(r);
  const last = events.at(-1);
  if (close && last && !TERMINAL.has(last.type ?? '')) events.push(withId(terminalEvent(close), events.length + 1, close.stopDate));
  return events;
}

/** includeExecutionData: false leaves out the data (inputs, outputs, task parameters) of every event. */
const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (!key.endsWith('EventDetails') || !isRecord(value)) continue;
    copy[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
  }
  // The same event with fewer optional detail fields.
  return copy as unknown as HistoryEvent;
}

/** One page of GetExecutionHistory; the token holds the id of the last event returned. */
export function historyPage(events: HistoryEvent[], request: GetExecutionHistoryInput): GetExecutionHistoryOutput {
  const reverse = request.reverseOrder === true;
  const ordered = reverse ? [...events].reverse() : events;
  const scope = ['GetExecutionHistory', request.executionArn, reverse, request.includeExecutionData !== false];
  const page = pageAfter(ordered, (e) => e.id ?? 0, (id, after) => (reverse ? id < after : id > after), request, scope, 'number');
  return { events: request.includeExecutionData === false ? page.items.map(withoutData) : page.items, nextToken: page.nextToken };
}

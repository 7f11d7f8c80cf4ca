import { createHash } from 'node:crypto';
import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { StoredEvent } from './history-store';
import { canonicalJson } from './json';

/** A history event before it gets its id and timestamp. */
export type EventDraft = Omit<HistoryEvent, 'id' | 'timestamp' | 'previousEventId'> & { type: HistoryEventType };

/** What describes an event for its identity (see HistoryLog): JSON values, compared canonically. */
export type EventKey = unknown[];

/** Where the log's new events go, in order; a failed write is not retried by the log. */
export type EventSink = (events: StoredEvent[]) => Promise<void>;

/**
 * An execution's history, durable: each new event gets the next id and a timestamp, and is written
 * in order, as it is produced. After a restart the run is replayed from its input and produces its
 * events again; it is told which were recorded before (`recorded`) and does not append those twice.
 *
 * A replayed event is recognised by its identity, which depends only on what the replay reproduces:
 * the event type, the state and its input (for task events: the task's state and effective input),
 * a Map iteration's index, and how many events with the same description this run produced before
 * (the n-th entry into a loop state with the same input is the n-th again). Outputs are not part of
 * it: a plain Lambda task is re-run on replay and need not answer byte for byte the same. This asks
 * no more determinism than the task tokens do (tokens.ts).
 */
export class HistoryLog {
  readonly events: HistoryEvent[];
  private readonly recorded: Set<string>;
  private readonly occurrences = new Map<string, number>();
  private queue: StoredEvent[] = [];
  private writing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly now: () => Date,
    private readonly sink: EventSink,
    recorded: StoredEvent[] = [],
  ) {
    this.events = recorded.map((r) => r.event);
    this.recorded = new Set(recorded.map((r) => r.identity));
  }

  /** Appends `draft`, described by `key`, unless the event was recorded before the replay. */
  append(draft: EventDraft, key: EventKey): void {
    if (this.closed) return;
    const description = canonicalJson(key);
    const n = this.occurrences.get(description) ?? 0;
    this.occurrences.set(description, n + 1);
    const identity = createHash('sha256').update(`${description}#${n}`).digest('base64url');
    if (this.recorded.has(identity)) return;
    const id = this.events.length + 1;
    const event: HistoryEvent = { ...draft, id, previousEventId: id - 1, timestamp: this.now() };
    this.events.push(event);
    this.queue.push({ event, identity });
    this.writing ??= this.write();
  }

  /** No further events (the run was halted, as by a crash); what was produced is still written. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every event produced so far is written (or its write failed). */
  async written(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async write(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.queue.length);
        // Best effort: a lost write leaves a gap, and a replay resumes from the events before it.
        await this.sink(batch).catch(() => undefined);
      }
    } finally {
      this.writing = undefined;
    }
  }
}

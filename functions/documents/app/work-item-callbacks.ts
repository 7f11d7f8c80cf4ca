import type { TaskTokens } from '../../shared/aws/task-tokens';
import type { Workflow } from '../../shared/aws/workflow';
import { Conflict } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { type Signal, type WaitingKind, makeTaskCallbacks } from '../../shared/task-callbacks';
import type { DocumentChange } from '../adapters/document-store';
import type { WorkItem, WorkItemStore } from '../adapters/work-item-store';
import type { DocumentRecord } from '../core/document';
import type { HistoryEvent } from '../core/history';
import type { Clock, DocumentChanges } from './ports';

export type { Signal } from '../../shared/task-callbacks';

/**
 * One way a callback closes an open work item (complete, fail, decide): every difference
 * between the kinds is here, as data and small pure functions.
 */
export interface Closing<T, I> {
  /** The status the item moves to, from `open`. */
  to: string;
  fields: (input: I, caller: Caller) => Record<string, unknown>;
  /** The same call again: answered like the first, and whatever it could not finish is finished. */
  repeats: (current: T, input: I) => boolean;
  /** Why a contradicting call is refused (409). */
  conflict: (current: T) => string;
  /** The business fact counted, the first time only. */
  count: (item: T, input: I) => void;
  /** The document's change, if any (given the document when it still exists). */
  documentChange?: (item: T, input: I, document: DocumentRecord | undefined) => Omit<DocumentChange, 'at'> | undefined;
  /** Recorded once (its key is derived from the item); `onlyWhenDocumentChanged` for a one-off change of the document. */
  event: (item: T, input: I, caller: Caller) => Omit<HistoryEvent, 'at' | 'actor'> & { key: string };
  onlyWhenDocumentChanged?: boolean;
  signal: (item: T, input: I) => Signal;
}

/** A kind of work item: how it is named, whose task token it holds, how stale ones close. */
export interface WorkItemKind<T extends WorkItem> extends Omit<WaitingKind<T>, 'waiting' | 'notWaiting'> {
  id: (item: T) => string;
  parse: (item: T) => T;
  /** A newer offer of the same work replaces an open one: it moves to `to`, saying why. */
  stale: { to: string; reason: string; count?: (item: T) => void };
}

export interface WorkItemCallbackPorts<T extends WorkItem> {
  store: WorkItemStore<T>;
  tokens: TaskTokens;
  workflow: Workflow;
  documents: DocumentChanges;
  clock: Clock;
  kind: WorkItemKind<T>;
}

/**
 * The callbacks of one kind of work item: each can arrive twice, late, or after the item
 * closed. A repeat is answered the same (and resumes the workflow at most once more, which it
 * ignores); a contradiction is a Conflict; a heartbeat on a closed item is a Conflict.
 */
export function makeWorkItemCallbacks<T extends WorkItem>({ store, tokens, workflow, documents, clock, kind }: WorkItemCallbackPorts<T>) {
  // A work item waits while it is open; the task callbacks are the ones contribution intake uses too.
  const task = makeTaskCallbacks<T>({ find: (id) => store.get(id), tokens, workflow, kind: { ...kind, waiting: (item) => item.status === 'open', notWaiting: 'is no longer open' } });
  const { existing } = task;

  return {
    read: async (id: string): Promise<T> => kind.parse(await existing(id)),

    /** The callback that closes an item the way `closing` says. */
    closing<I>(closing: Closing<T, I>) {
      return async (caller: Caller, id: string, input: I): Promise<T> => {
        const at = clock().toISOString();
        let item = await store.transition(id, 'open', closing.to, { ...closing.fields(input, caller), updatedAt: at });
        if (item) closing.count(item, input);
        else {
          const current = await existing(id);
          if (current.status !== closing.to || !closing.repeats(current, input)) throw new Conflict(closing.conflict(current));
          item = current;
        }
        let changed = true;
        if (closing.documentChange) {
          const change = closing.documentChange(item, input, await documents.getDocument(item.documentId));
          changed = change !== undefined && (await documents.changeDocument(item.documentId, { ...change, at })) !== undefined;
        }
        if (changed || !closing.onlyWhenDocumentChanged) {
          const { key, ...event } = closing.event(item, input, caller);
          await documents.recordEvent(item.documentId, key, { at, actor: caller.subject, ...event });
        }
        await task.tell(id, closing.signal(item, input));
        return kind.parse(item);
      };
    },

    heartbeat: task.heartbeat,

    /** A hand-off keeps its task token first: a worker who closes the item at once must find it. */
    awaitWith: task.awaitWith,

    /** The stale-work sweep: open items of the same work, other than `current`, timed out or lost their heartbeat. */
    async closeStale(documentId: string, current: string, sameWork: (item: T) => boolean, at: string): Promise<void> {
      for (const stale of await store.forDocument(documentId)) {
        if (stale.status !== 'open' || kind.id(stale) === current || !sameWork(stale)) continue;
        const closed = await store.transition(kind.id(stale), 'open', kind.stale.to, { reason: kind.stale.reason, updatedAt: at });
        if (closed) kind.stale.count?.(closed);
      }
    },
  };
}

export type WorkItemCallbacks<T extends WorkItem> = ReturnType<typeof makeWorkItemCallbacks<T>>;

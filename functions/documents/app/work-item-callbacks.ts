import type { TaskTokens } from '../../shared/aws/task-tokens';
import type { Workflow } from '../../shared/aws/workflow';
import { Conflict, NotFound, Unavailable } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import type { DocumentChange } from '../adapters/document-store';
import type { WorkItem, WorkItemStore } from '../adapters/work-item-store';
import { ACCEPTS_CALLBACKS, type DocumentRecord, FINAL } from '../core/document';
import type { HistoryEvent } from '../core/history';
import type { Clock, DocumentChanges } from './ports';

/** What the waiting workflow task is told: its output, or the error it fails with. */
export type Signal = { resume: unknown } | { fail: { error: string; cause: string } };

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
export interface WorkItemKind<T extends WorkItem> {
  /** `translation job`: in messages (`No translation job …`, `Translation job … is …`). */
  label: string;
  id: (item: T) => string;
  tokenOwner: (id: string) => string;
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

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const NO_LONGER_WAITED = 'the workflow no longer waited for it (it timed out, was offered again, or its document was withdrawn)';

/**
 * The callbacks of one kind of work item: each can arrive twice, late, or after the item
 * closed. A repeat is answered the same (and resumes the workflow at most once more, which it
 * ignores); a contradiction is a Conflict; a heartbeat on a closed item is a Conflict.
 */
export function makeWorkItemCallbacks<T extends WorkItem>({ store, tokens, workflow, documents, clock, kind }: WorkItemCallbackPorts<T>) {
  async function existing(id: string): Promise<T> {
    const item = await store.get(id);
    if (!item) throw new NotFound(`No ${kind.label} ${id}`);
    return item;
  }

  /** True once the waiting task took the signal; false when it no longer waits (timed out, offered again, execution over). */
  async function tell(id: string, signal: Signal): Promise<boolean> {
    const token = await tokens.tokenOf(kind.tokenOwner(id));
    if (!token) return true;
    if ('resume' in signal) return workflow.resumeWith(token, signal.resume);
    return workflow.failTask(token, signal.fail.error, signal.fail.cause);
  }

  /**
   * A callback answers 2xx only once the workflow has its result. SendTaskSuccess/Failure refused
   * for good (TaskTimedOut, TaskDoesNotExist, InvalidToken: the task no longer waits) means the
   * work is already being offered again or is over: the item closes the stale way and the caller
   * gets a 409. Any other failure leaves it unknown: the item goes back to open, so it is never
   * shown closed while the workflow waits, and the caller gets a 503 to retry the same call.
   */
  async function handOver(item: T, to: string, signal: Signal, at: string): Promise<void> {
    const id = kind.id(item);
    if ((item as WorkItem & { workflowTold?: string }).workflowTold) return;
    let accepted: boolean;
    try {
      accepted = await tell(id, signal);
    } catch (error) {
      await store.transition(id, to, 'open', { updatedAt: at });
      throw new Unavailable(`The workflow could not be told about ${kind.label} ${id} (${(error as Error).name}); send the same call again`);
    }
    if (accepted) {
      await store.annotate(id, { workflowTold: at });
      return;
    }
    const closed = await store.transition(id, to, kind.stale.to, { reason: NO_LONGER_WAITED, updatedAt: at });
    if (closed) kind.stale.count?.(closed);
    throw new Conflict(`${capitalised(kind.label)} ${id} is no longer waited for: ${NO_LONGER_WAITED}`);
  }

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
          const change = closing.documentChange(item, input, await documents.getDocument(item.documentId, { consistent: true }));
          // No callback changes a withdrawn or failed document.
          changed = change !== undefined && (await documents.changeDocument(item.documentId, { from: ACCEPTS_CALLBACKS, ...change, at })) !== undefined;
        }
        if (changed || !closing.onlyWhenDocumentChanged) {
          const { key, ...event } = closing.event(item, input, caller);
          await documents.recordEvent(item.documentId, key, { at, actor: caller.subject, ...event });
        }
        await handOver(item, closing.to, closing.signal(item, input), at);
        return kind.parse(item);
      };
    },

    async heartbeat(id: string): Promise<void> {
      const item = await existing(id);
      const token = item.status === 'open' ? await tokens.tokenOf(kind.tokenOwner(id)) : undefined;
      if (!token || !(await workflow.heartbeat(token))) throw new Conflict(`${capitalised(kind.label)} ${id} is no longer open`);
    },

    /** A hand-off keeps its task token first: a worker who closes the item at once must find it. */
    awaitWith: (id: string, taskToken: string, at: string) => tokens.save(kind.tokenOwner(id), taskToken, at),

    /**
     * A hand-off's last look, after its own writes: a withdrawal (or failure) that came while it
     * ran closed the document's open work before this item existed, so the item is closed here.
     * True when the document is over (the step then opens nothing).
     */
    async closeIfDocumentOver(documentId: string, id: string, at: string): Promise<boolean> {
      const document = await documents.getDocument(documentId, { consistent: true });
      if (document && !FINAL.includes(document.status)) return false;
      await store.transition(id, 'open', 'cancelled', { reason: `document ${document?.status ?? 'gone'}`, updatedAt: at });
      return true;
    },

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

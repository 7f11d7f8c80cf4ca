import type { TaskTokens } from '../../shared/aws/task-tokens';
import type { Workflow } from '../../shared/aws/workflow';
import { Conflict, Unavailable } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { type Signal, type WaitingKind, makeTaskCallbacks } from '../../shared/task-callbacks';
import type { DocumentChange } from '../adapters/document-store';
import type { WorkItem, WorkItemStore } from '../adapters/work-item-store';
import type { DocumentRecord } from '../core/document';
import { FINAL } from '../core/lifecycle';
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
  /** The document's change, if any (given the document, read first, when `readsDocument` says so). */
  documentChange?: (item: T, input: I, document: DocumentRecord | undefined) => Omit<DocumentChange, 'at'> | undefined;
  /** The change is made from the document as it stands (an editing decision moves the version under review). */
  readsDocument?: boolean;
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
  /** What a closed item tells its workflow (its callback's signal); undefined for an item closed without one (cancelled). */
  outcome: (item: T) => Signal | undefined;
  /** `newer` is a later offer of the same work as `older` (a re-offer or a revision): `older` is over. */
  supersedes: (newer: T, older: T) => boolean;
}

export interface WorkItemCallbackPorts<T extends WorkItem> {
  store: WorkItemStore<T>;
  tokens: TaskTokens;
  workflow: Workflow;
  documents: DocumentChanges;
  clock: Clock;
  /** Waits that long: a repeat gives the call that closed the item time to tell the workflow. */
  pause: (milliseconds: number) => Promise<void>;
  kind: WorkItemKind<T>;
}

/** What a work item notes of its telling: the workflow took it; a repeat told it too; the status that telling was for. */
type Telling = WorkItem & { workflowTold?: string; repeatTold?: string; toldAs?: string };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How long a repeat waits, in steps, for the call that closed the item to say what the workflow
 * made of it (about 4 s, inside an API function's 10 s). After that, or when the item closed
 * longer ago than that, the first call is taken as gone and the repeat tells the workflow itself.
 */
const FIRST_CALL_PAUSES = [50, 100, 200, 400, 800, 1000, 1500];
const FIRST_CALL_WINDOW_MS = FIRST_CALL_PAUSES.reduce((sum, pause) => sum + pause, 0);

const NO_LONGER_WAITED = 'the workflow no longer waited for it (it timed out, was offered again, or its document was withdrawn)';

/**
 * The callbacks of one kind of work item: each can arrive twice, late, or after the item
 * closed. A repeat is answered the same (and resumes the workflow at most once more, which it
 * ignores); a contradiction is a Conflict; a heartbeat on a closed item is a Conflict.
 */
export function makeWorkItemCallbacks<T extends WorkItem>({ store, tokens, workflow, documents, clock, pause, kind }: WorkItemCallbackPorts<T>) {
  // A work item waits while it is open; the task callbacks are the ones contribution intake uses too.
  const task = makeTaskCallbacks<T>({ find: (id) => store.get(id), tokens, workflow, kind: { ...kind, waiting: (item) => item.status === 'open', notWaiting: 'is no longer open' } });
  const { existing } = task;

  /**
   * A callback answers 2xx only once the workflow has its result. A refusal (a closed token on
   * the first send) is final only when the work is over for the workflow: offered again (a newer
   * item of the same work) or its document over. Then the item this call closed closes the stale
   * way and the caller gets a 409. Otherwise the task may be between two attempts of its hand-off
   * (a retried step keeps a new token at once), and any other failure leaves it unknown too: the
   * item goes back to open, so it is never shown closed while the workflow waits, and the caller
   * gets a 503 to send the same call again.
   *
   * A repeat (`closedNow` false: an earlier or concurrent call closed the item) does not tell the
   * workflow while that call may still be doing so: it waits for its verdict (told, reopened or
   * closed the stale way) and answers alike, so twins never answer 200 and 409 (seed 20261201).
   * Only when that call is gone (it died after closing the item) does the repeat tell the
   * workflow itself, marking first that it does: a refusal then may mean the dead call told the
   * task, so the closing stays and it answers 200. A repeat the task takes closes the item again
   * if it was reopened meanwhile, even if another call (a failure) closed it otherwise: the
   * workflow has this result. The marks note the status they tell (`toldAs`), so that other call,
   * refused, answers 409.
   */
  async function handOver(item: T, to: string, signal: Signal, at: string, closedNow: boolean): Promise<void> {
    const id = kind.id(item);
    if ((item as Telling).workflowTold) return;
    if (!closedNow) {
      const verdict = await firstCallVerdict(item, to);
      if (verdict?.workflowTold) return;
      if (verdict) return answerAlike(id, verdict, to);
      await store.annotate(id, { repeatTold: at, toldAs: to });
    }
    const reopen = async (why: string): Promise<never> => {
      // Unless a repeat told it meanwhile (this call's telling may have committed, its answer lost): then it stays closed.
      await store.transition(id, to, 'open', { updatedAt: at }, 'repeatTold');
      throw new Unavailable(`The workflow could not be told about ${kind.label} ${id} (${why}); send the same call again`);
    };
    let accepted: boolean;
    try {
      accepted = await task.tell(id, signal);
    } catch (error) {
      return reopen((error as Error).name);
    }
    if (accepted) {
      await store.annotate(id, { workflowTold: at, toldAs: to });
      if (!closedNow && !(await store.transition(id, 'open', to, { updatedAt: at }))) {
        const now = await store.get(id);
        if (now && now.status !== to) await store.transition(id, now.status, to, { updatedAt: at });
      }
      return;
    }
    const now = (await store.get(id)) as Telling | undefined;
    if (!closedNow) {
      // Its twin could not tell it either and reopened it (unknown: send again) or, refused for
      // good and first to look, closed it the stale way (refused alike).
      return now && answerAlike(id, now, to);
    }
    if (now?.workflowTold || now?.repeatTold) {
      // Told by a twin of this call, or (another status noted) by a different call the workflow took instead.
      if (now.toldAs === undefined || now.toldAs === to) return;
      throw new Conflict(`${capitalised(kind.label)} ${id} is ${now.toldAs}: ${NO_LONGER_WAITED}`);
    }
    if (!(await workOver(item))) return reopen('the workflow is not waiting for it at this moment');
    const closed = await store.transition(id, to, kind.stale.to, { reason: NO_LONGER_WAITED, updatedAt: at });
    if (closed) kind.stale.count?.(closed);
    throw new Conflict(`${capitalised(kind.label)} ${id} is no longer waited for: ${NO_LONGER_WAITED}`);
  }

  /** Answers as another call left the item: reopened (503: send again), closed otherwise (409), or still `to` (as it did). */
  function answerAlike(id: string, now: Telling, to: string): void {
    if (now.status === 'open') throw new Unavailable(`The workflow could not be told about ${kind.label} ${id}; send the same call again`);
    if (now.status !== to) throw new Conflict(`${capitalised(kind.label)} ${id} is no longer waited for: ${NO_LONGER_WAITED}`);
  }

  /**
   * What the call that closed `item` (to `to`) made of its telling: the item as it then stands
   * (told, reopened or closed otherwise), or undefined when no verdict came within the window
   * (that call is gone, or a repeat already took over from it).
   */
  async function firstCallVerdict(item: T, to: string): Promise<Telling | undefined> {
    const closedAt = Date.parse(item.updatedAt);
    if ((item as Telling).repeatTold || !(clock().getTime() - closedAt < FIRST_CALL_WINDOW_MS)) return undefined;
    for (const milliseconds of FIRST_CALL_PAUSES) {
      await pause(milliseconds);
      const now = (await store.get(kind.id(item))) as Telling | undefined;
      if (now?.repeatTold && !now.workflowTold && now.status === to) return undefined;
      if (!now || now.workflowTold || now.status !== to) return now;
    }
    return undefined;
  }

  /** Whether the workflow is done with this item for good: its document is over, or the work was offered again. */
  async function workOver(item: T): Promise<boolean> {
    const document = await documents.getDocument(item.documentId, { consistent: true });
    if (!document || FINAL.includes(document.status)) return true;
    return (await store.forDocument(item.documentId)).some((other) => kind.supersedes(other, item));
  }

  return {
    read: async (id: string): Promise<T> => kind.parse(await existing(id)),

    /** The callback that closes an item the way `closing` says. */
    closing<I>(closing: Closing<T, I>) {
      return async (caller: Caller, id: string, input: I): Promise<T> => {
        const at = clock().toISOString();
        let item = await store.transition(id, 'open', closing.to, { ...closing.fields(input, caller), updatedAt: at });
        const closedNow = item !== undefined;
        if (item) closing.count(item, input);
        else {
          const current = await existing(id);
          if (current.status !== closing.to || !closing.repeats(current, input)) throw new Conflict(closing.conflict(current));
          item = current;
        }
        let changed = true;
        if (closing.documentChange) {
          const document = closing.readsDocument ? await documents.getDocument(item.documentId, { consistent: true }) : undefined;
          const change = closing.documentChange(item, input, document);
          // The store's condition (core/lifecycle) keeps a withdrawn or failed document unchanged.
          changed = change !== undefined && (await documents.changeDocument(item.documentId, { ...change, at })) !== undefined;
        }
        if (changed || !closing.onlyWhenDocumentChanged) {
          const { key, ...event } = closing.event(item, input, caller);
          await documents.recordEvent(item.documentId, key, { at, actor: caller.subject, ...event });
        }
        await handOver(item, closing.to, closing.signal(item, input), at, closedNow);
        return kind.parse(item);
      };
    },

    heartbeat: task.heartbeat,

    /** A hand-off keeps its task token first: a worker who closes the item at once must find it. */
    awaitWith: task.awaitWith,

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

    /**
     * A hand-off run again (its first attempt failed after opening the item) that finds the item
     * closed by a callback: that callback came while no task could take it, so this attempt,
     * whose token the workflow now waits on, tells the workflow what it said.
     */
    async catchUp(item: T, at: string): Promise<void> {
      const signal = item.status === 'open' ? undefined : kind.outcome(item);
      if (signal && (await task.tell(kind.id(item), signal))) await store.annotate(kind.id(item), { workflowTold: at });
    },

    /**
     * The stale-work sweep: open items of the same work, other than `current`, timed out or lost
     * their heartbeat. `first` (round 1, attempt 1): no earlier offer of this work can exist, so
     * there is nothing to look for.
     */
    async closeStale(documentId: string, current: string, sameWork: (item: T) => boolean, at: string, first = false): Promise<void> {
      if (first) return;
      for (const stale of await store.forDocument(documentId)) {
        if (stale.status !== 'open' || kind.id(stale) === current || !sameWork(stale)) continue;
        const closed = await store.transition(kind.id(stale), 'open', kind.stale.to, { reason: kind.stale.reason, updatedAt: at });
        if (closed) kind.stale.count?.(closed);
      }
    },
  };
}

export type WorkItemCallbacks<T extends WorkItem> = ReturnType<typeof makeWorkItemCallbacks<T>>;

import type { TaskTokens } from './aws/task-tokens';
import type { Workflow } from './aws/workflow';
import { Conflict, NotFound } from './errors';

/** What the waiting workflow task is told: its output, or the error it fails with. */
export type Signal = { resume: unknown } | { fail: { error: string; cause: string } };

/**
 * A kind of thing a workflow task waits for (a translation job, an editing task, a print job,
 * a contribution's confirmation): every difference between the kinds is here, as data.
 */
export interface WaitingKind<T> {
  /** `translation job`, `contribution`: in messages (`No translation job …`, `Contribution … is …`). */
  label: string;
  /** The TaskTokens owner of an item's wait. */
  tokenOwner: (id: string) => string;
  /** Whether the item still waits for its callback: only then does a heartbeat keep the task alive. */
  waiting: (item: T) => boolean;
  /** What a heartbeat on an item that no longer waits is told (`is no longer open`). */
  notWaiting: string;
}

export interface TaskCallbackPorts<T> {
  /** The item as its context stores it; undefined when there is none. */
  find: (id: string) => Promise<T | undefined>;
  tokens: TaskTokens;
  workflow: Workflow;
  kind: WaitingKind<T>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The part of every callback that talks to the waiting task, shared by the documentation chain's
 * work items and the contribution intake: the token is kept when the wait opens, a heartbeat
 * keeps a waiting item's task alive (and is a Conflict on one that no longer waits), and a
 * decision taken tells the task, once its token is known.
 */
export function makeTaskCallbacks<T>({ find, tokens, workflow, kind }: TaskCallbackPorts<T>) {
  async function existing(id: string): Promise<T> {
    const item = await find(id);
    if (item === undefined) throw new NotFound(`No ${kind.label} ${id}`);
    return item;
  }

  /** A hand-off keeps its task token first: a decision taken at once must find it. */
  const awaitWith = (id: string, taskToken: string, at: string) => tokens.save(kind.tokenOwner(id), taskToken, at);

  /** Tells the waiting task; false when no token is kept or the task no longer waits. */
  async function tell(id: string, signal: Signal): Promise<boolean> {
    const token = await tokens.tokenOf(kind.tokenOwner(id));
    if (!token) return false;
    return 'resume' in signal ? workflow.resumeWith(token, signal.resume) : workflow.failTask(token, signal.fail.error, signal.fail.cause);
  }

  async function heartbeat(id: string): Promise<void> {
    const item = await existing(id);
    const token = kind.waiting(item) ? await tokens.tokenOf(kind.tokenOwner(id)) : undefined;
    if (!token || !(await workflow.heartbeat(token))) throw new Conflict(`${capitalised(kind.label)} ${id} ${kind.notWaiting}`);
  }

  return { existing, awaitWith, tell, heartbeat };
}

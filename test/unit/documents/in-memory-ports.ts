import type { TaskTokens } from '../../../functions/shared/aws/task-tokens';
import type { Workflow } from '../../../functions/shared/aws/workflow';
import type { DocumentChange } from '../../../functions/documents/adapters/document-store';
import type { WorkItem, WorkItemStore } from '../../../functions/documents/adapters/work-item-store';
import type { DocumentChanges } from '../../../functions/documents/app/ports';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { HistoryEvent } from '../../../functions/documents/core/history';
import { LANGUAGE_WORK, moveDocument, moveLanguage } from '../../../functions/documents/core/lifecycle';

/** Ports of the documentation chain kept in memory: what the use cases did is there to read. */

export function memoryWorkItems<T extends WorkItem>(idField: keyof T & string): WorkItemStore<T> & { items: Map<string, T> } {
  const items = new Map<string, T>();
  const copy = (item: T | undefined) => (item ? { ...item } : undefined);
  return {
    items,
    create(item) {
      const id = String(item[idField]);
      const existing = items.get(id);
      if (existing) return Promise.resolve({ item: { ...existing }, created: false });
      items.set(id, { ...item });
      return Promise.resolve({ item, created: true });
    },
    get: (id) => Promise.resolve(copy(items.get(id))),
    transition(id, from, to, fields, unlessNoted) {
      const item = items.get(id);
      if (item?.status !== from || (unlessNoted !== undefined && unlessNoted in item)) return Promise.resolve(undefined);
      const moved = { ...item, ...fields, status: to };
      items.set(id, moved);
      return Promise.resolve({ ...moved });
    },
    annotate(id, set, remove = []) {
      const item = items.get(id);
      if (item) items.set(id, Object.fromEntries(Object.entries({ ...item, ...set }).filter(([field]) => !remove.includes(field))) as unknown as T);
      return Promise.resolve();
    },
    count: () => Promise.resolve(0),
    due: () => Promise.resolve([]),
    list: (status) => Promise.resolve({ items: [...items.values()].filter((item) => item.status === status), nextCursor: null }),
    forDocument: (documentId) => Promise.resolve([...items.values()].filter((item) => item.documentId === documentId).map((item) => ({ ...item }))),
  };
}

/** The documents table's conditional change, as far as the callbacks use it. */
export function memoryDocuments(...documents: DocumentRecord[]): DocumentChanges & { documents: Map<string, DocumentRecord>; events: Map<string, HistoryEvent> } {
  const stored = new Map(documents.map((document) => [document.id, structuredClone(document)]));
  const events = new Map<string, HistoryEvent>();
  const holds = (document: DocumentRecord, change: DocumentChange) => {
    if (change.move && moveDocument(document.status, change.move) === undefined) return false;
    const offer = change.languageOffer;
    if (offer && document.languages[offer.language]?.translationJobId === offer.translationJobId) return false;
    const expected = change.languageMove;
    if (!expected) return true;
    if (!LANGUAGE_WORK.includes(document.status)) return false;
    const version = document.languages[expected.language];
    return version !== undefined && moveLanguage(version.status, expected.move) !== undefined && (!expected.translationJobId || version.translationJobId === expected.translationJobId);
  };
  return {
    documents: stored,
    events,
    getDocument: (id) => Promise.resolve(stored.has(id) ? structuredClone(stored.get(id)) : undefined),
    changeDocument(id, change) {
      const document = stored.get(id);
      if (!document || !holds(document, change)) return Promise.resolve(undefined);
      const changed: DocumentRecord = {
        ...document,
        ...change.set,
        ...(change.move ? { status: moveDocument(document.status, change.move) } : {}),
        languages: { ...document.languages, ...change.languages, ...(change.languageOffer ? { [change.languageOffer.language]: { status: 'translation-requested', translationJobId: change.languageOffer.translationJobId } } : {}) },
        updatedAt: change.at,
      };
      stored.set(id, changed);
      return Promise.resolve(structuredClone(changed));
    },
    recordEvent(documentId, key, event) {
      if (!events.has(`${documentId}#${key}`)) events.set(`${documentId}#${key}`, event);
      return Promise.resolve();
    },
  };
}

export function memoryTaskTokens(): TaskTokens & { tokens: Map<string, string> } {
  const tokens = new Map<string, string>();
  return {
    tokens,
    save(owner, taskToken) {
      tokens.set(owner, taskToken);
      return Promise.resolve();
    },
    tokenOf: (owner) => Promise.resolve(tokens.get(owner)),
  };
}

/** A workflow whose tasks wait until resumed or failed once; a later call finds the task closed, as Step Functions does. */
export function memoryWorkflow(): Workflow & { resumed: { taskToken: string; output: unknown }[]; failed: { taskToken: string; error: string; cause: string }[]; heartbeats: string[]; closed: Set<string> } {
  /** Tokens whose task no longer waits; a test adds one to play a timeout. */
  const closed = new Set<string>();
  const resumed: { taskToken: string; output: unknown }[] = [];
  const failed: { taskToken: string; error: string; cause: string }[] = [];
  const heartbeats: string[] = [];
  const close = (taskToken: string, record: () => void) => {
    if (closed.has(taskToken)) return Promise.resolve(false);
    closed.add(taskToken);
    record();
    return Promise.resolve(true);
  };
  return {
    resumed,
    failed,
    heartbeats,
    closed,
    resumeWith: (taskToken, output) => close(taskToken, () => resumed.push({ taskToken, output })),
    failTask: (taskToken, error, cause) => close(taskToken, () => failed.push({ taskToken, error, cause })),
    heartbeat(taskToken) {
      if (closed.has(taskToken)) return Promise.resolve(false);
      heartbeats.push(taskToken);
      return Promise.resolve(true);
    },
    startExecution: (stateMachineArn, name) => Promise.resolve(`${stateMachineArn}:${name}`),
    stopExecution: () => Promise.resolve(),
    executionStatus: () => Promise.resolve('RUNNING'),
    runningExecutions: () => Promise.resolve([]),
  };
}

/** A callback's pause that only lets the other calls of a test run (a twin's verdict comes within a few turns). */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

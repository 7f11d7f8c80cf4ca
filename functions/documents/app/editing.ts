import { NotFound } from '../../shared/errors';
import type { WorkItemStore } from '../adapters/work-item-store';
import { FINAL } from '../core/lifecycle';
import { WORKFLOW_ACTOR } from '../core/history';
import type { Language } from '../core/language';
import { type EditingTask, workItemId } from '../core/work-items';
import type { Clock, DocumentChanges } from './ports';
import type { WorkItemCallbacks } from './work-item-callbacks';

export interface EditingRequest {
  documentId: string;
  language: Language;
  round: number;
  attempt: number;
  taskToken: string;
}

interface EditingHandoffPorts {
  documents: DocumentChanges;
  tasks: WorkItemStore<EditingTask>;
  callbacks: WorkItemCallbacks<EditingTask>;
  clock: Clock;
}

/** Workflow step: an editing task for one language version; the document is now in editing. */
export function makeOpenEditingTask({ documents, tasks, callbacks, clock }: EditingHandoffPorts) {
  return async (request: EditingRequest): Promise<{ taskId: string | null }> => {
    const { documentId, language, round, attempt } = request;
    const document = await documents.getDocument(documentId, { consistent: true });
    if (!document) throw new NotFound(`No document ${documentId}`);
    if (FINAL.includes(document.status)) return { taskId: null };
    const at = clock().toISOString();
    const taskId = workItemId('et', documentId, language, round, attempt);
    await callbacks.closeStale(documentId, taskId, (stale) => stale.language === language, at, round === 1 && attempt === 1);
    await callbacks.awaitWith(taskId, request.taskToken, at);
    // The document is in editing before the task exists: an editor who decides at once finds it there.
    await documents.changeDocument(documentId, { move: 'start-editing', at });
    const uri = document.languages[language]?.uri;
    const { item: task, created } = await tasks.create({ taskId, documentId, symbol: document.symbol, language, status: 'open', round, attempt, ...(uri ? { uri } : {}), createdAt: at, updatedAt: at });
    await documents.recordEvent(documentId, `editing-task-opened#${taskId}`, { at, event: 'editing-task-opened', language, actor: WORKFLOW_ACTOR, detail: `task ${taskId}` });
    if (await callbacks.closeIfDocumentOver(documentId, taskId, at)) return { taskId: null };
    if (!created) await callbacks.catchUp(task, at);
    return { taskId };
  };
}

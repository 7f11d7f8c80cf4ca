import { countEditingDecision } from '../../shared/business-metrics';
import { saveTaskToken, taskTokenOf } from '../../shared/aws/task-tokens';
import { heartbeat, resumeWith } from '../../shared/aws/workflow';
import { Conflict, NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { changeDocument, getDocument, recordEvent } from '../adapters/document-store';
import { editingTasks } from '../adapters/editing-tasks';
import { tokenOwner } from '../adapters/task-tokens';
import { FINAL } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import type { Language } from '../core/language';
import { type Decision, EditingTask, workItemId } from '../core/work-items';

export interface EditingRequest {
  documentId: string;
  language: Language;
  round: number;
  attempt: number;
  taskToken: string;
}

/** Workflow step: an editing task for one language version; the document is now in editing. */
export async function openEditingTask(request: EditingRequest, now: Date): Promise<{ taskId: string | null }> {
  const { documentId, language, round, attempt } = request;
  const document = await getDocument(documentId);
  if (!document) throw new NotFound(`No document ${documentId}`);
  if (FINAL.includes(document.status)) return { taskId: null };
  const at = now.toISOString();
  const taskId = workItemId('et', documentId, language, round, attempt);
  for (const stale of await editingTasks.forDocument(documentId)) {
    if (stale.language === language && stale.status === 'open' && stale.taskId !== taskId) {
      await editingTasks.transition(stale.taskId, 'open', 'cancelled', { reason: 'reissued: no decision or heartbeat in time', updatedAt: at });
    }
  }
  await saveTaskToken(tokenOwner.editingTask(taskId), request.taskToken, at);
  const uri = document.languages[language]?.uri;
  await editingTasks.create({ taskId, documentId, symbol: document.symbol, language, status: 'open', round, attempt, ...(uri ? { uri } : {}), createdAt: at, updatedAt: at });
  await changeDocument(documentId, { from: ['in-translation', 'in-editing'], status: 'in-editing', at });
  await recordEvent(documentId, `editing-task-opened#${taskId}`, { at, event: 'editing-task-opened', language, actor: WORKFLOW_ACTOR, detail: `task ${taskId}` });
  return { taskId };
}

async function existingTask(taskId: string): Promise<EditingTask> {
  const task = await editingTasks.get(taskId);
  if (!task) throw new NotFound(`No editing task ${taskId}`);
  return task;
}

/** Approve or send back one language version; the same decision twice is answered the same. */
export async function decide(caller: Caller, taskId: string, decision: Decision, comments: string | undefined, now: Date): Promise<EditingTask> {
  const at = now.toISOString();
  let task = await editingTasks.transition(taskId, 'open', 'completed', { decision, ...(comments ? { comments } : {}), decidedBy: caller.subject, updatedAt: at });
  if (task) countEditingDecision(decision, { documentId: task.documentId, taskId });
  else {
    const current = await existingTask(taskId);
    if (current.status !== 'completed' || current.decision !== decision || (current.comments ?? undefined) !== comments) {
      throw new Conflict(`Editing task ${taskId} is ${current.status}${current.decision ? ` (${current.decision})` : ''}`);
    }
    task = current;
  }
  const document = await getDocument(task.documentId);
  const version = document?.languages[task.language];
  if (version) {
    await changeDocument(task.documentId, {
      expectLanguage: { language: task.language, status: 'translated', ...(version.translationJobId ? { translationJobId: version.translationJobId } : {}) },
      languages: { [task.language]: { ...version, status: decision === 'approve' ? 'approved' : 'translation-requested' } },
      at,
    });
  }
  const event = decision === 'approve' ? 'approved' : 'revision-requested';
  await recordEvent(task.documentId, `${event}#${taskId}`, { at, event, language: task.language, actor: caller.subject, ...(comments ? { detail: comments } : {}) });
  const token = await taskTokenOf(tokenOwner.editingTask(taskId));
  if (token) await resumeWith(token, { decision });
  return EditingTask.parse(task);
}

export async function editingHeartbeat(taskId: string): Promise<void> {
  const task = await existingTask(taskId);
  const token = task.status === 'open' ? await taskTokenOf(tokenOwner.editingTask(taskId)) : undefined;
  if (!token || !(await heartbeat(token))) throw new Conflict(`Editing task ${taskId} is no longer open`);
}

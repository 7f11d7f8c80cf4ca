import { countEditingDecision, countFact } from '../../shared/business-metrics';
import { tokenOwner } from '../adapters/task-tokens';
import { LANGUAGE_MOVES } from '../core/lifecycle';
import { type Decision, EditingTask, PrintJob, TranslationJob } from '../core/work-items';
import type { Closing, WorkItemKind } from './work-item-callbacks';

/** The three kinds of work item of the chain, and how each callback closes one: data, not copies. */

/** A later offer: a later revision round, or a later attempt in the same round. */
const later = (newer: { round: number; attempt: number }, older: { round: number; attempt: number }) =>
  newer.round > older.round || (newer.round === older.round && newer.attempt > older.attempt);

export const translationJobKind: WorkItemKind<TranslationJob> = {
  label: 'translation job',
  id: (job) => job.jobId,
  tokenOwner: tokenOwner.translationJob,
  parse: (job) => TranslationJob.parse(job),
  stale: {
    to: 'failed',
    reason: 'expired: no completion or heartbeat in time',
    count: (job) => countFact('TranslationJobFailed', { documentId: job.documentId, jobId: job.jobId }),
  },
  supersedes: (newer, older) => newer.targetLanguage === older.targetLanguage && later(newer, older),
  outcome: (job) => {
    if (job.status === 'completed' && job.translatedUri) return completeTranslation.signal(job, { translatedUri: job.translatedUri });
    if (job.status === 'failed') return failTranslation.signal(job, { reason: job.reason ?? 'failed' });
    return undefined;
  },
};

export const completeTranslation: Closing<TranslationJob, { translatedUri: string }> = {
  to: 'completed',
  fields: ({ translatedUri }, caller) => ({ translatedUri, completedBy: caller.subject }),
  repeats: (job, { translatedUri }) => job.translatedUri === translatedUri,
  conflict: (job) => `Translation job ${job.jobId} is ${job.status}${job.status === 'completed' ? ' with another translatedUri' : ''}`,
  count: (job) => countFact('TranslationJobCompleted', { documentId: job.documentId, jobId: job.jobId }),
  documentChange: (job, { translatedUri }) => ({
    languageMove: { language: job.targetLanguage, move: 'translate', translationJobId: job.jobId },
    languages: { [job.targetLanguage]: { status: LANGUAGE_MOVES.translate.to, translationJobId: job.jobId, uri: translatedUri } },
  }),
  event: (job, { translatedUri }) => ({ key: `translated#${job.jobId}`, event: 'translated', language: job.targetLanguage, detail: translatedUri }),
  signal: (job, { translatedUri }) => ({ resume: { jobId: job.jobId, translatedUri } }),
};

export const failTranslation: Closing<TranslationJob, { reason: string }> = {
  to: 'failed',
  fields: ({ reason }) => ({ reason }),
  repeats: (job, { reason }) => job.reason === reason,
  conflict: (job) => `Translation job ${job.jobId} is ${job.status}`,
  count: (job) => countFact('TranslationJobFailed', { documentId: job.documentId, jobId: job.jobId }),
  event: (job, { reason }) => ({ key: `translation-failed#${job.jobId}`, event: 'translation-failed', language: job.targetLanguage, detail: reason }),
  signal: (_job, { reason }) => ({ fail: { error: 'TranslationFailed', cause: reason } }),
};

export const editingTaskKind: WorkItemKind<EditingTask> = {
  label: 'editing task',
  id: (task) => task.taskId,
  tokenOwner: tokenOwner.editingTask,
  parse: (task) => EditingTask.parse(task),
  stale: { to: 'cancelled', reason: 'reissued: no decision or heartbeat in time' },
  supersedes: (newer, older) => newer.language === older.language && later(newer, older),
  outcome: (task) => (task.status === 'completed' && task.decision ? decideEditing.signal(task, { decision: task.decision }) : undefined),
};

export const decideEditing: Closing<EditingTask, { decision: Decision; comments?: string }> = {
  to: 'completed',
  fields: ({ decision, comments }, caller) => ({ decision, ...(comments ? { comments } : {}), decidedBy: caller.subject }),
  repeats: (task, { decision, comments }) => task.decision === decision && (task.comments ?? undefined) === comments,
  conflict: (task) => `Editing task ${task.taskId} is ${task.status}${task.decision ? ` (${task.decision})` : ''}`,
  count: (task, { decision }) => countEditingDecision(decision, { documentId: task.documentId, taskId: task.taskId }),
  // The version under review goes forward (approved) or back to its translator.
  readsDocument: true,
  documentChange: (task, { decision }, document) => {
    const version = document?.languages[task.language];
    if (!version) return undefined;
    const move = decision === 'approve' ? 'approve' : 'revise';
    return {
      languageMove: { language: task.language, move, ...(version.translationJobId ? { translationJobId: version.translationJobId } : {}) },
      languages: { [task.language]: { ...version, status: LANGUAGE_MOVES[move].to } },
    };
  },
  event: (task, { decision, comments }) => {
    const event = decision === 'approve' ? 'approved' : 'revision-requested';
    return { key: `${event}#${task.taskId}`, event, language: task.language, ...(comments ? { detail: comments } : {}) };
  },
  signal: (_task, { decision }) => ({ resume: { decision } }),
};

export const printJobKind: WorkItemKind<PrintJob> = {
  label: 'print job',
  id: (job) => job.jobId,
  tokenOwner: tokenOwner.printJob,
  parse: (job) => PrintJob.parse(job),
  stale: { to: 'cancelled', reason: 'reissued: no completion or heartbeat in time' },
  supersedes: (newer, older) => newer.attempt > older.attempt,
  outcome: (job) => (job.status === 'completed' && job.copiesPrinted !== undefined ? completePrinting.signal(job, { copiesPrinted: job.copiesPrinted }) : undefined),
};

export const completePrinting: Closing<PrintJob, { copiesPrinted: number }> = {
  to: 'completed',
  fields: ({ copiesPrinted }) => ({ copiesPrinted }),
  repeats: (job, { copiesPrinted }) => job.copiesPrinted === copiesPrinted,
  conflict: (job) => `Print job ${job.jobId} is ${job.status}`,
  count: (job) => countFact('PrintJobCompleted', { documentId: job.documentId, jobId: job.jobId }),
  documentChange: () => ({ move: 'complete-printing' }),
  // The document completes once: a repeated call records nothing more.
  event: (_job, { copiesPrinted }) => ({ key: 'completed', event: 'completed', detail: `${copiesPrinted} copies printed` }),
  onlyWhenDocumentChanged: true,
  signal: (_job, { copiesPrinted }) => ({ resume: { copiesPrinted } }),
};

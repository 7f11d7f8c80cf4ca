import { makeCloseOpenWork } from '../../../functions/documents/app/close-work';
import { makeTranslationHandoff, TranslationAttemptsExhausted } from '../../../functions/documents/app/translation-handoff';
import { makeWorkItemCallbacks } from '../../../functions/documents/app/work-item-callbacks';
import { completeTranslation, translationJobKind } from '../../../functions/documents/app/work-item-kinds';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { EditingTask, PrintJob, TranslationJob } from '../../../functions/documents/core/work-items';
import { memoryDocuments, memoryTaskTokens, memoryWorkflow, memoryWorkItems, nextTurn } from './in-memory-ports';

const NOW = new Date('2027-03-01T09:00:00.000Z');

const document: DocumentRecord = {
  id: 'doc-1', symbol: 'A/AC.291/27', title: 'Report', category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr'],
  wordCount: 5000, origin: 'secretariat', wordLimitWaived: false, status: 'in-translation',
  languages: { en: { status: 'original' }, fr: { status: 'translation-requested' } },
  storedFlags: [], submittedBy: 'secretariat-1', createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z',
};

function translationChain(maxAttempts = 3) {
  const jobs = memoryWorkItems<TranslationJob>('jobId');
  const tokens = memoryTaskTokens();
  const workflow = memoryWorkflow();
  const documents = memoryDocuments(document);
  const clock = () => NOW;
  const callbacks = makeWorkItemCallbacks({ store: jobs, tokens, workflow, documents, clock, pause: nextTurn, kind: translationJobKind });
  const handoff = makeTranslationHandoff({ documents, jobs, callbacks, webhook: undefined, settings: { timeoutDays: 14, maxAttempts, retryBaseSeconds: 60 }, clock });
  return { jobs, tokens, workflow, documents, callbacks, handoff };
}

describe('the translation hand-off', () => {
  test('opens a job, keeps its task token, and the same step again finds the same job', async () => {
    const { handoff, jobs, tokens, documents } = translationChain();
    const request = { documentId: 'doc-1', language: 'fr', round: 1, attempt: 1, taskToken: 'token-1' } as const;
    const { jobId } = await handoff.openTranslationJob(request);
    expect(await handoff.openTranslationJob(request)).toEqual({ jobId });
    expect([...jobs.items.values()]).toEqual([expect.objectContaining({ jobId, status: 'open', targetLanguage: 'fr', dueBy: '2027-03-15' })]);
    expect(tokens.tokens.get(`translation-job#${String(jobId)}`)).toBe('token-1');
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translation-requested', translationJobId: jobId });
  });

  test('a new offer expires the earlier open one, and a translator completing the new one resumes the new task', async () => {
    const { handoff, jobs, callbacks, workflow } = translationChain();
    const first = await handoff.openTranslationJob({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 1, taskToken: 'token-1' });
    const second = await handoff.openTranslationJob({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 2, taskToken: 'token-2' });
    expect(jobs.items.get(String(first.jobId))).toMatchObject({ status: 'failed', reason: 'expired: no completion or heartbeat in time' });
    await callbacks.closing(completeTranslation)({ subject: 'translator-1', roles: ['translator'] }, String(second.jobId), { translatedUri: 'https://files.example/fr.docx' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId: second.jobId, translatedUri: 'https://files.example/fr.docx' } }]);
  });

  test('an offer beyond the last attempt fails the step', async () => {
    const { handoff } = translationChain(2);
    await expect(handoff.openTranslationJob({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 3, taskToken: 'token-3' })).rejects.toThrow(TranslationAttemptsExhausted);
  });
});

test('closing a document\'s open work cancels what is open and leaves what is done', async () => {
  const translationJobs = memoryWorkItems<TranslationJob>('jobId');
  const editingTasks = memoryWorkItems<EditingTask>('taskId');
  const printJobs = memoryWorkItems<PrintJob>('jobId');
  const base = { documentId: 'doc-1', symbol: document.symbol, round: 1, attempt: 1, createdAt: 'x', updatedAt: 'x' };
  editingTasks.items.set('et-1', { ...base, taskId: 'et-1', language: 'fr', status: 'open' });
  editingTasks.items.set('et-2', { ...base, taskId: 'et-2', language: 'es', status: 'completed', decision: 'approve' });
  await makeCloseOpenWork({ translationJobs, editingTasks, printJobs })('doc-1', 'document withdrawn', NOW.toISOString());
  expect(editingTasks.items.get('et-1')).toMatchObject({ status: 'cancelled', reason: 'document withdrawn' });
  expect(editingTasks.items.get('et-2')?.status).toBe('completed');
});

import { countFact } from '../../shared/business-metrics';
import { saveTaskToken, taskTokenOf } from '../../shared/aws/task-tokens';
import { heartbeat, resumeWith } from '../../shared/aws/workflow';
import { Conflict, NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { changeDocument, getDocument, recordEvent } from '../adapters/document-store';
import { printJobs } from '../adapters/print-jobs';
import { tokenOwner } from '../adapters/task-tokens';
import { FINAL, type DocumentRecord } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import { PrintJob, workItemId } from '../core/work-items';

/** Workflow step: one print job for a published document with a print run. */
export async function openPrintJob(request: { documentId: string; attempt: number; taskToken: string }, now: Date): Promise<{ jobId: string | null }> {
  const { documentId, attempt } = request;
  const document = await getDocument(documentId);
  if (!document) throw new NotFound(`No document ${documentId}`);
  if (FINAL.includes(document.status) || !document.printRun) return { jobId: null };
  const at = now.toISOString();
  const jobId = workItemId('pj', documentId, attempt);
  for (const stale of await printJobs.forDocument(documentId)) {
    if (stale.status === 'open' && stale.jobId !== jobId) {
      await printJobs.transition(stale.jobId, 'open', 'cancelled', { reason: 'reissued: no completion or heartbeat in time', updatedAt: at });
    }
  }
  await saveTaskToken(tokenOwner.printJob(jobId), request.taskToken, at);
  const languages = [document.originalLanguage, ...document.targetLanguages];
  await printJobs.create({ jobId, documentId, symbol: document.symbol, copies: document.printRun.copies, languages, status: 'open', attempt, createdAt: at, updatedAt: at });
  await changeDocument(documentId, { from: ['published', 'printing'], status: 'printing', at });
  await recordEvent(documentId, `print-job-opened#${jobId}`, { at, event: 'print-job-opened', actor: WORKFLOW_ACTOR, detail: `${document.printRun.copies} copies` });
  return { jobId };
}

async function existingJob(jobId: string): Promise<PrintJob> {
  const job = await printJobs.get(jobId);
  if (!job) throw new NotFound(`No print job ${jobId}`);
  return job;
}

export async function completePrintJob(caller: Caller, jobId: string, copiesPrinted: number, now: Date): Promise<PrintJob> {
  const at = now.toISOString();
  let job = await printJobs.transition(jobId, 'open', 'completed', { copiesPrinted, updatedAt: at });
  if (job) countFact('PrintJobCompleted', { documentId: job.documentId, jobId });
  else {
    const current = await existingJob(jobId);
    if (current.status !== 'completed' || current.copiesPrinted !== copiesPrinted) throw new Conflict(`Print job ${jobId} is ${current.status}`);
    job = current;
  }
  const completed: DocumentRecord | undefined = await changeDocument(job.documentId, { from: ['printing'], status: 'completed', at });
  if (completed) await recordEvent(job.documentId, 'completed', { at, event: 'completed', actor: caller.subject, detail: `${copiesPrinted} copies printed` });
  const token = await taskTokenOf(tokenOwner.printJob(jobId));
  if (token) await resumeWith(token, { copiesPrinted });
  return PrintJob.parse(job);
}

export async function printHeartbeat(jobId: string): Promise<void> {
  const job = await existingJob(jobId);
  const token = job.status === 'open' ? await taskTokenOf(tokenOwner.printJob(jobId)) : undefined;
  if (!token || !(await heartbeat(token))) throw new Conflict(`Print job ${jobId} is no longer open`);
}

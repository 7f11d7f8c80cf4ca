import { countFact } from '../../shared/business-metrics';
import { taskTokenOf } from '../../shared/aws/task-tokens';
import { failTask, heartbeat, resumeWith } from '../../shared/aws/workflow';
import { Conflict, NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { changeDocument, recordEvent } from '../adapters/document-store';
import { tokenOwner } from '../adapters/task-tokens';
import { translationJobs } from '../adapters/translation-jobs';
import { TranslationJob } from '../core/work-items';

/** The translation service's callbacks: each can arrive twice, late, or after the job closed. */

async function existingJob(jobId: string): Promise<TranslationJob> {
  const job = await translationJobs.get(jobId);
  if (!job) throw new NotFound(`No translation job ${jobId}`);
  return job;
}

export const readTranslationJob = async (jobId: string) => TranslationJob.parse(await existingJob(jobId));

export async function completeTranslationJob(caller: Caller, jobId: string, translatedUri: string, now: Date): Promise<TranslationJob> {
  const at = now.toISOString();
  const job = await existingJob(jobId);
  let done = await translationJobs.transition(jobId, 'open', 'completed', { translatedUri, completedBy: caller.subject, updatedAt: at });
  if (done) countFact('TranslationJobCompleted', { documentId: job.documentId, jobId });
  else {
    const current = await existingJob(jobId);
    if (current.status !== 'completed' || current.translatedUri !== translatedUri) {
      throw new Conflict(`Translation job ${jobId} is ${current.status}${current.status === 'completed' ? ' with another translatedUri' : ''}`);
    }
    done = current; // the same call again: finish whatever the first one could not
  }
  await changeDocument(job.documentId, {
    expectLanguage: { language: job.targetLanguage, status: 'translation-requested', translationJobId: jobId },
    languages: { [job.targetLanguage]: { status: 'translated', translationJobId: jobId, uri: translatedUri } },
    at,
  });
  await recordEvent(job.documentId, `translated#${jobId}`, { at, event: 'translated', language: job.targetLanguage, actor: caller.subject, detail: translatedUri });
  const token = await taskTokenOf(tokenOwner.translationJob(jobId));
  if (token) await resumeWith(token, { jobId, translatedUri });
  return TranslationJob.parse(done);
}

export async function failTranslationJob(caller: Caller, jobId: string, reason: string, now: Date): Promise<TranslationJob> {
  const at = now.toISOString();
  let failed = await translationJobs.transition(jobId, 'open', 'failed', { reason, updatedAt: at });
  if (failed) countFact('TranslationJobFailed', { documentId: failed.documentId, jobId });
  else {
    const current = await existingJob(jobId);
    if (current.status !== 'failed' || current.reason !== reason) throw new Conflict(`Translation job ${jobId} is ${current.status}`);
    failed = current;
  }
  await recordEvent(failed.documentId, `translation-failed#${jobId}`, { at, event: 'translation-failed', language: failed.targetLanguage, actor: caller.subject, detail: reason });
  const token = await taskTokenOf(tokenOwner.translationJob(jobId));
  if (token) await failTask(token, 'TranslationFailed', reason);
  return TranslationJob.parse(failed);
}

export async function translationHeartbeat(jobId: string): Promise<void> {
  const job = await existingJob(jobId);
  const token = job.status === 'open' ? await taskTokenOf(tokenOwner.translationJob(jobId)) : undefined;
  if (!token || !(await heartbeat(token))) throw new Conflict(`Translation job ${jobId} is no longer open`);
}

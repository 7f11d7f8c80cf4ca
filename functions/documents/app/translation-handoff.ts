import { currentSecretString } from '../../shared/aws/secrets';
import { countFact, recordPendingDeliveries } from '../../shared/business-metrics';
import { saveTaskToken } from '../../shared/aws/task-tokens';
import { optionalEnv, requireIntEnv } from '../../shared/config';
import { NotFound } from '../../shared/errors';
import { changeDocument, getDocument, recordEvent } from '../adapters/document-store';
import { tokenOwner } from '../adapters/task-tokens';
import { translationJobs } from '../adapters/translation-jobs';
import { today } from '../core/dates';
import { FINAL } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import type { Language } from '../core/language';
import { type TranslationJob, translationDueBy, workItemId } from '../core/work-items';
import { type WebhookTarget, deliverJob, nextDeliveryAt } from './webhook';

const JOB_TIMEOUT_DAYS = requireIntEnv('TRANSLATION_TIMEOUT_DAYS');
const MAX_ATTEMPTS = requireIntEnv('MAX_TRANSLATION_ATTEMPTS');
const RETRY_BASE_SECONDS = requireIntEnv('TRANSLATION_WEBHOOK_RETRY_SECONDS');
const SECRET_MAX_AGE_SECONDS = requireIntEnv('TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS');
const webhookUrl = optionalEnv('TRANSLATION_WEBHOOK_URL');
// The environment names the signing secret (its ARN); its value is read when a delivery signs.
const signingSecretArn = optionalEnv('TRANSLATION_WEBHOOK_SECRET_ARN');
const webhook: WebhookTarget | undefined = webhookUrl
  ? {
      url: webhookUrl,
      signingKey: async () => (signingSecretArn ? currentSecretString(signingSecretArn, SECRET_MAX_AGE_SECONDS) : { problem: 'no signing secret is configured' }),
    }
  : undefined;

/** A translation offered this many times without success fails the document. */
export class TranslationAttemptsExhausted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranslationAttemptsExhausted';
  }
}

export interface TranslationRequest {
  documentId: string;
  language: Language;
  round: number;
  attempt: number;
  taskToken: string;
}

/**
 * Workflow step: opens the job for one language (round = revision, attempt = offer) and hands
 * it to the translation service. Idempotent: a retried or replayed step finds its job again.
 */
export async function openTranslationJob(request: TranslationRequest, now: Date): Promise<{ jobId: string | null }> {
  const { documentId, language, round, attempt } = request;
  if (attempt > MAX_ATTEMPTS) {
    throw new TranslationAttemptsExhausted(`Translation into ${language} was offered ${MAX_ATTEMPTS} times without success`);
  }
  const document = await getDocument(documentId);
  if (!document) throw new NotFound(`No document ${documentId}`);
  if (FINAL.includes(document.status)) return { jobId: null };
  const at = now.toISOString();
  const jobId = workItemId('tj', documentId, language, round, attempt);
  // An earlier offer still open here timed out or lost its heartbeat: it is over.
  for (const stale of await translationJobs.forDocument(documentId)) {
    if (stale.targetLanguage === language && stale.status === 'open' && stale.jobId !== jobId) {
      const expired = await translationJobs.transition(stale.jobId, 'open', 'failed', { reason: 'expired: no completion or heartbeat in time', updatedAt: at });
      if (expired) countFact('TranslationJobFailed', { documentId, jobId: stale.jobId });
    }
  }
  // The token first: a translator who completes the job at once must find it.
  await saveTaskToken(tokenOwner.translationJob(jobId), request.taskToken, at);
  const { item: job, created } = await translationJobs.create({
    jobId,
    documentId,
    symbol: document.symbol,
    sourceLanguage: document.originalLanguage,
    targetLanguage: language,
    wordCount: document.wordCount,
    sourceUri: document.sourceUri ?? null,
    dueBy: translationDueBy(today(now), JOB_TIMEOUT_DAYS, document.deadlines?.issuanceDue),
    status: 'open',
    round,
    attempt,
    createdAt: at,
    updatedAt: at,
  });
  await changeDocument(documentId, { from: ['in-translation', 'in-editing'], languages: { [language]: { status: 'translation-requested', translationJobId: jobId } }, at });
  await recordEvent(documentId, `translation-requested#${jobId}`, { at, event: 'translation-requested', language, actor: WORKFLOW_ACTOR, detail: `job ${jobId}` });
  if (created) countFact('TranslationJobOpened', { documentId, jobId });
  if (created && webhook && (await deliverJob(webhook, job, now)) !== 'delivered') {
    await translationJobs.annotate(jobId, { deliveryPending: 'pending', deliveryAttempts: 1, nextDeliveryAt: nextDeliveryAt(1, now, RETRY_BASE_SECONDS) });
  }
  return { jobId };
}

/** Scheduled: retries webhook deliveries that failed; a job stays pullable whatever happens here. */
export async function redeliverPendingJobs(now: Date): Promise<{ delivered: number; pending: number }> {
  if (!webhook) return { delivered: 0, pending: 0 };
  const due = await translationJobs.due('pendingDeliveries', 'deliveryPending', 'pending', 'nextDeliveryAt', now.toISOString(), 50);
  let delivered = 0;
  for (const job of due) {
    const stored = job as TranslationJob & { deliveryAttempts?: number };
    if (job.status !== 'open' || (await deliverJob(webhook, job, now)) === 'delivered') {
      await translationJobs.annotate(job.jobId, {}, ['deliveryPending', 'nextDeliveryAt']);
      delivered += job.status === 'open' ? 1 : 0;
    } else {
      const attempts = (stored.deliveryAttempts ?? 1) + 1;
      await translationJobs.annotate(job.jobId, { deliveryAttempts: attempts, nextDeliveryAt: nextDeliveryAt(attempts, now, RETRY_BASE_SECONDS) });
    }
  }
  const pending = await translationJobs.count('pendingDeliveries', 'deliveryPending', 'pending');
  recordPendingDeliveries(pending);
  return { delivered, pending };
}


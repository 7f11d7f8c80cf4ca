import { countFact, recordPendingDeliveries } from '../../shared/business-metrics';
import { NotFound } from '../../shared/errors';
import type { WorkItemStore } from '../adapters/work-item-store';
import { today } from '../core/dates';
import { FINAL } from '../core/lifecycle';
import { WORKFLOW_ACTOR } from '../core/history';
import type { Language } from '../core/language';
import { type TranslationJob, translationDueBy, workItemId } from '../core/work-items';
import type { Clock, DocumentChanges } from './ports';
import type { WorkItemCallbacks } from './work-item-callbacks';
import { type WebhookTarget, deliverJob, nextDeliveryAt } from './webhook';

export interface TranslationSettings {
  /** A job's time limit, in days. */
  timeoutDays: number;
  /** Offers of one language before the document fails. */
  maxAttempts: number;
  /** The base of the webhook redelivery backoff. */
  retryBaseSeconds: number;
}

export interface TranslationHandoffPorts {
  documents: DocumentChanges;
  jobs: WorkItemStore<TranslationJob>;
  callbacks: WorkItemCallbacks<TranslationJob>;
  /** Where a new job is pushed; without one, the service only pulls. */
  webhook: WebhookTarget | undefined;
  settings: TranslationSettings;
  clock: Clock;
}

/** A translation offered this many times without success fails the document. */
export class TranslationAttemptsExhausted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranslationAttemptsExhausted';
  }
}

/** A job with its delivery bookkeeping (stored beside it, never shown). */
type DeliveredJob = TranslationJob & { deliveredAt?: string; deliveryPending?: string; deliveryAttempts?: number };

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
export function makeTranslationHandoff({ documents, jobs, callbacks, webhook, settings, clock }: TranslationHandoffPorts) {
  const { timeoutDays, maxAttempts, retryBaseSeconds } = settings;

  async function openTranslationJob(request: TranslationRequest): Promise<{ jobId: string | null }> {
    const now = clock();
    const { documentId, language, round, attempt } = request;
    if (attempt > maxAttempts) {
      throw new TranslationAttemptsExhausted(`Translation into ${language} was offered ${maxAttempts} times without success`);
    }
    const document = await documents.getDocument(documentId, { consistent: true });
    if (!document) throw new NotFound(`No document ${documentId}`);
    if (FINAL.includes(document.status)) return { jobId: null };
    const at = now.toISOString();
    const jobId = workItemId('tj', documentId, language, round, attempt);
    // An earlier offer still open here timed out or lost its heartbeat: it is over.
    await callbacks.closeStale(documentId, jobId, (stale) => stale.targetLanguage === language, at, round === 1 && attempt === 1);
    await callbacks.awaitWith(jobId, request.taskToken, at);
    // The language names its job before the job exists: a translator who completes it at once finds the version it translates.
    await documents.changeDocument(documentId, { move: 'request-translation', languageOffer: { language, translationJobId: jobId }, at });
    const { item: job, created } = await jobs.create({
      jobId,
      documentId,
      symbol: document.symbol,
      sourceLanguage: document.originalLanguage,
      targetLanguage: language,
      wordCount: document.wordCount,
      sourceUri: document.sourceUri ?? null,
      dueBy: translationDueBy(today(now), timeoutDays, document.deadlines?.issuanceDue),
      status: 'open',
      round,
      attempt,
      createdAt: at,
      updatedAt: at,
    });
    await documents.recordEvent(documentId, `translation-requested#${jobId}`, { at, event: 'translation-requested', language, actor: WORKFLOW_ACTOR, detail: `job ${jobId}` });
    if (created) countFact('TranslationJobOpened', { documentId, jobId });
    if (await callbacks.closeIfDocumentOver(documentId, jobId, at)) return { jobId: null };
    if (!created) await callbacks.catchUp(job, at);
    // Whether this attempt created the job or an earlier one did (and died before delivering).
    if (webhook) await deliverOnce(webhook, job, now);
    return { jobId };
  }

  /** Delivers an open job not yet delivered, or leaves it marked for the scheduled redelivery. */
  async function deliverOnce(target: WebhookTarget, job: DeliveredJob, now: Date): Promise<void> {
    if (job.status !== 'open' || job.deliveredAt) return;
    if ((await deliverJob(target, job, now)) === 'delivered') {
      await jobs.annotate(job.jobId, { deliveredAt: now.toISOString() }, ['deliveryPending', 'nextDeliveryAt']);
    } else if (!job.deliveryPending) {
      await jobs.annotate(job.jobId, { deliveryPending: 'pending', deliveryAttempts: 1, nextDeliveryAt: nextDeliveryAt(1, now, retryBaseSeconds) });
    }
  }

  /** Scheduled: retries webhook deliveries that failed; a job stays pullable whatever happens here. */
  async function redeliverPendingJobs(): Promise<{ delivered: number; pending: number }> {
    const now = clock();
    if (!webhook) return { delivered: 0, pending: 0 };
    const due = await jobs.due('pendingDeliveries', 'deliveryPending', 'pending', 'nextDeliveryAt', now.toISOString(), 50);
    let delivered = 0;
    for (const job of due) {
      const stored = job as DeliveredJob;
      if (job.status !== 'open' || (await deliverJob(webhook, job, now)) === 'delivered') {
        await jobs.annotate(job.jobId, job.status === 'open' ? { deliveredAt: now.toISOString() } : {}, ['deliveryPending', 'nextDeliveryAt']);
        delivered += job.status === 'open' ? 1 : 0;
      } else {
        const attempts = (stored.deliveryAttempts ?? 1) + 1;
        await jobs.annotate(job.jobId, { deliveryAttempts: attempts, nextDeliveryAt: nextDeliveryAt(attempts, now, retryBaseSeconds) });
      }
    }
    const pending = await jobs.count('pendingDeliveries', 'deliveryPending', 'pending');
    recordPendingDeliveries(pending);
    return { delivered, pending };
  }

  return { openTranslationJob, redeliverPendingJobs };
}

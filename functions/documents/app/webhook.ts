import { createHmac } from 'node:crypto';
import type { SecretString } from '../../shared/aws/secrets';
import { countFact } from '../../shared/business-metrics';
import type { BusinessMetric } from '../../shared/metric-names';
import { logger } from '../../shared/observability';
import { TranslationJob } from '../core/work-items';

export const SIGNATURE_HEADER = 'x-unodc-signature';
export const TIMESTAMP_HEADER = 'x-unodc-timestamp';

/** HMAC-SHA256 over "<timestamp>.<body>", hex, prefixed like GitHub's: `sha256=<hex>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookTarget {
  url: string;
  /** The current signing key (read when needed: it may have been rotated since the last delivery). */
  signingKey: () => Promise<SecretString>;
}

/**
 * `delivered`: the service answered 2xx. `failed`: it did not (down, slow, an error or a
 * redirect). `refused`: nothing was sent, because the configuration does not allow a safe
 * delivery (no https URL, no signing key). Either way the job stays pullable and is retried.
 */
export type DeliveryOutcome = 'delivered' | 'failed' | 'refused';

const METRIC = { delivered: 'WebhookDelivered', failed: 'WebhookDeliveryFailed', refused: 'WebhookDeliveryRefused' } as const satisfies Record<DeliveryOutcome, BusinessMetric>;

function outcome(result: DeliveryOutcome, jobId: string): DeliveryOutcome {
  countFact(METRIC[result], { jobId });
  return result;
}

/** Only https: a job and its signature never travel in the clear. */
function httpsProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the webhook URL is not a URL';
  }
  return parsed.protocol === 'https:' ? undefined : `the webhook URL is not https (${parsed.protocol})`;
}

/**
 * One delivery attempt. A slow or failing service never holds the job; redirects are not
 * followed (a 3xx is a failed delivery): the job goes only where it was configured to go.
 */
export async function deliverJob(target: WebhookTarget, job: TranslationJob, now: Date): Promise<DeliveryOutcome> {
  const refuse = (reason: string) => {
    logger.error('webhook delivery refused', { jobId: job.jobId, reason });
    return outcome('refused', job.jobId);
  };
  const urlProblem = httpsProblem(target.url);
  if (urlProblem) return refuse(urlProblem);
  const key = await target.signingKey();
  if ('problem' in key) return refuse(`no signing key: ${key.problem}`);

  const body = JSON.stringify({ type: 'translation-job.opened', job: TranslationJob.parse(job) });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(key.value, timestamp, body) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    if (response.ok) return outcome('delivered', job.jobId);
    logger.warn('webhook delivery failed', { jobId: job.jobId, status: response.status, ...(response.status >= 300 && response.status < 400 ? { note: 'redirect not followed' } : {}) });
  } catch (error) {
    logger.warn('webhook delivery failed', { jobId: job.jobId, error: error instanceof Error ? error.name : 'UnknownError' });
  }
  return outcome('failed', job.jobId);
}

/** Backoff between deliveries: base, 2×base, 4×base … at most 60×base (base 60 s: 1 min to 1 h). */
export function nextDeliveryAt(attempts: number, now: Date, baseSeconds: number): string {
  const factor = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + factor * baseSeconds * 1000).toISOString();
}

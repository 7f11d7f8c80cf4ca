import { createHmac } from 'node:crypto';
import { TranslationJob } from '../core/work-items';

export const SIGNATURE_HEADER = 'x-unodc-signature';
export const TIMESTAMP_HEADER = 'x-unodc-timestamp';

/** HMAC-SHA256 over "<timestamp>.<body>", hex, prefixed like GitHub's: `sha256=<hex>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** One delivery attempt; `true` on a 2xx. A slow or failing service never holds the job. */
export async function deliverJob(target: WebhookTarget, job: TranslationJob, now: Date): Promise<boolean> {
  const body = JSON.stringify({ type: 'translation-job.opened', job: TranslationJob.parse(job) });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Backoff between deliveries: base, 2×base, 4×base … at most 60×base (base 60 s: 1 min to 1 h). */
export function nextDeliveryAt(attempts: number, now: Date, baseSeconds: number): string {
  const factor = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + factor * baseSeconds * 1000).toISOString();
}

/**
 * A worked example of the translation webhook's signature, shown on /docs. A unit test
 * (test/unit/console/webhook-example.test.ts) signs it with the service's own signWebhook, so the
 * example cannot drift from what the service sends.
 */
export const WEBHOOK_EXAMPLE = {
  secret: 'example-signing-secret',
  timestamp: '1800000000',
  body: '{"type":"translation-job.opened","job":{"jobId":"job-123","documentId":"doc-1","symbol":"CTOC/COSP/2027/1"}}',
  signature: 'sha256=385dd3499adea11621f688718428349f8bcb5b2b4cdd733b9afb573643cbcd8e',
} as const;

export const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

// secret: the value of the stack's signing secret (TranslationWebhookSigningSecretArn)
export function verify(secret, headers, rawBody, now = Date.now()) {
  const timestamp = headers['x-unodc-timestamp'];
  const signature = headers['x-unodc-signature'] ?? '';
  // Refuse replays: the timestamp is Unix seconds, 5 minutes of tolerance.
  if (!/^\\d+$/.test(timestamp ?? '') || Math.abs(now / 1000 - Number(timestamp)) > 300) return false;
  const expected = 'sha256=' + createHmac('sha256', secret).update(timestamp + '.' + rawBody).digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}`;

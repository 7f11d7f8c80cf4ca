import { type Server, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { deliverJob, signWebhook } from '../../../functions/documents/app/webhook';
import type { TranslationJob } from '../../../functions/documents/core/work-items';
import { logger, metrics } from '../../../functions/shared/observability';

/**
 * One delivery attempt, against a TCP listener that counts connections: a refused delivery
 * never opens one. (Deliveries that succeed, redirects and retries: test/e2e/webhook.test.ts.)
 */
const job: TranslationJob = {
  jobId: 'tj-1', documentId: 'd-1', symbol: 'CTOC/COSP/2027/1', sourceLanguage: 'en', targetLanguage: 'fr', wordCount: 100,
  sourceUri: null, dueBy: '2027-01-31', status: 'open', round: 1, attempt: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z',
};
const KEY = 'k'.repeat(64);
const now = new Date('2027-01-01T00:00:00Z');
let listener: Server;
let connections = 0;
let port: number;

beforeAll(async () => {
  // Accepts and hangs up at once: neither http nor a TLS handshake gets an answer.
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => listener.close(resolve)));
beforeEach(() => {
  connections = 0;
});
afterEach(() => jest.restoreAllMocks());

function observe() {
  const counted = jest.spyOn(metrics, 'addMetric');
  const errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  return { metricNames: () => counted.mock.calls.map(([name, unit, value]) => `${name} ${unit} ${value}`), errors };
}

test.each([
  ['an http: URL', `http://127.0.0.1:PORT/jobs`, /not https \(http:\)/],
  ['another scheme', 'ftp://127.0.0.1:PORT/jobs', /not https \(ftp:\)/],
  ['no URL at all', 'translation service', /not a URL/],
])('%s is refused: no connection, the key is not even read, an error log and WebhookDeliveryRefused', async (_what, url, reason) => {
  const { metricNames, errors } = observe();
  const signingKey = jest.fn(async () => ({ value: KEY }));
  expect(await deliverJob({ url: url.replace('PORT', String(port)), signingKey }, job, now)).toBe('refused');
  expect(connections).toBe(0);
  expect(signingKey).not.toHaveBeenCalled();
  expect(metricNames()).toEqual(['WebhookDeliveryRefused Count 1']);
  expect(errors).toHaveBeenCalledWith('webhook delivery refused', { jobId: 'tj-1', reason: expect.stringMatching(reason) });
});

test('an https URL without a signing key is refused, and the log says why without any value', async () => {
  const { metricNames, errors } = observe();
  const outcome = await deliverJob({ url: `https://127.0.0.1:${port}/jobs`, signingKey: async () => ({ problem: 'the secret has no string value' }) }, job, now);
  expect(outcome).toBe('refused');
  expect(connections).toBe(0);
  expect(metricNames()).toEqual(['WebhookDeliveryRefused Count 1']);
  expect(errors).toHaveBeenCalledWith('webhook delivery refused', { jobId: 'tj-1', reason: 'no signing key: the secret has no string value' });
});

test('a service that hangs up is a failed delivery (WebhookDeliveryFailed), to be retried', async () => {
  const { metricNames } = observe();
  expect(await deliverJob({ url: `https://127.0.0.1:${port}/jobs`, signingKey: async () => ({ value: KEY }) }, job, now)).toBe('failed');
  expect(connections).toBe(1);
  expect(metricNames()).toEqual(['WebhookDeliveryFailed Count 1']);
});

test('the signature is HMAC-SHA256 over "<timestamp>.<body>", hex, prefixed sha256= (as openssl dgst -sha256 -hmac computes it)', () => {
  expect(signWebhook('key', '1767225600', '{}')).toBe('sha256=df344de429b8ee672e1863e0008fdbd0080000536fbccdf0e4f89846acbbe872');
});

import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actors, type Job, actors, openJobs, submit, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';

/** A translation service that is down for its first requests, then answers 200. */
interface Delivery {
  timestamp: string;
  signature: string;
  body: string;
}

const SECRET = 'test-webhook-secret';
let receiver: Server;
let stack: LocalStack;
let who: Actors;
const deliveries: Delivery[] = [];
let refusalsLeft = 0;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (refusalsLeft > 0) {
        refusalsLeft -= 1;
        response.writeHead(503).end();
        return;
      }
      deliveries.push({ timestamp: String(request.headers['x-unodc-timestamp']), signature: String(request.headers['x-unodc-signature']), body: Buffer.concat(chunks).toString() });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  stack = await LocalStack.start({
    env: {
      TRANSLATION_WEBHOOK_URL: `http://127.0.0.1:${port}/jobs`,
      TRANSLATION_WEBHOOK_SECRET: SECRET,
      TRANSLATION_WEBHOOK_RETRY_SECONDS: '0',
      LOCAL_SCHEDULE_INTERVAL_MS: '100',
    },
  });
  who = await actors(stack);
});
afterAll(async () => {
  await stack.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

const jobIdsDelivered = () => deliveries.map((delivery) => (JSON.parse(delivery.body) as { job: Job }).job.jobId);

describe('translation hand-off webhook', () => {
  test('each job is delivered once, signed with HMAC-SHA256 over "<timestamp>.<body>"', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr', 'es'] });
    const jobs = await waitFor(() => openJobs(stack, who, document.id), 2, 'jobs');
    await eventually(async () => (jobs.every((job) => jobIdsDelivered().includes(job.jobId)) ? true : undefined), 'both deliveries');
    for (const delivery of deliveries) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${delivery.timestamp}.${delivery.body}`).digest('hex')}`;
      expect(delivery.signature).toBe(expected);
      const payload = JSON.parse(delivery.body) as { type: string; job: Job };
      expect(payload.type).toBe('translation-job.opened');
      expect(payload.job).toMatchObject({ documentId: document.id, status: 'open', sourceLanguage: 'en' });
    }
  });

  test('a service that is down gets the job again later; meanwhile the job can be pulled', async () => {
    refusalsLeft = 3;
    const document = await submit(stack, who, { targetLanguages: ['ru'] });
    const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, 'pullable job');
    await eventually(async () => (jobIdsDelivered().includes(job.jobId) ? true : undefined), 'redelivery after the outage');
    expect(refusalsLeft).toBe(0);
    expect(jobIdsDelivered().filter((id) => id === job.jobId)).toHaveLength(1);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { makeWorkflow } from '../../../functions/shared/aws/workflow';

/**
 * SendTaskSuccess through the real SDK against a Step Functions that answers as scripted: a
 * refusal is believed on the first send only. When the first send was taken and its answer lost
 * (a 500 after the commit), the SDK's resend finds the task closed (TaskTimedOut), and that is
 * the workflow having the result, not refusing it. The seeded simulation found a callback
 * answering 409 and failing its job while the workflow had gone on with it.
 */
let server: Server;
let answers: { status: number; type?: string }[] = [];
let sent = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      sent += 1;
      const answer = answers.shift() ?? { status: 200 };
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(answer.type ? { __type: answer.type, message: 'scripted' } : {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  sent = 0;
});

const workflow = () =>
  makeWorkflow(new SFNClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

test('a task that refuses the first send no longer waits: false', async () => {
  answers = [{ status: 400, type: 'TaskTimedOut' }];
  expect(await workflow().resumeWith('token', { done: true })).toBe(false);
  expect(sent).toBe(1);
});

test('a first send taken with its answer lost, then refused on the resend: taken, true', async () => {
  answers = [{ status: 500, type: 'ServiceUnavailable' }, { status: 400, type: 'TaskTimedOut' }];
  expect(await workflow().resumeWith('token', { done: true })).toBe(true);
  expect(sent).toBe(2);
});

test('a failure that is not a closed task is thrown, for the caller to answer 503', async () => {
  answers = [{ status: 400, type: 'InvalidOutput' }];
  await expect(workflow().failTask('token', 'TranslationFailed', 'no')).rejects.toMatchObject({ name: 'InvalidOutput' });
});

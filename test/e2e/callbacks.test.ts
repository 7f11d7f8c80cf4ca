import { type Actors, type DocumentBody, type Job, actors, approveAll, documentReaches, openTasks, submit, waitFor, openJobs, openPrintJobs, translateAll } from '../support/chain';
import { LocalStack } from '../support/stack';

let stack: LocalStack;
let who: Actors;

beforeAll(async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
});
afterAll(() => stack.stop());

const complete = (job: Job, translatedUri: string) =>
  stack.request('POST', `/translation-jobs/${job.jobId}/complete`, { token: who.translator, body: { translatedUri } });

describe('callbacks arrive twice, concurrently, late, or for nothing', () => {
  let document: DocumentBody;
  let jobs: Job[];

  beforeAll(async () => {
    document = await submit(stack, who, { targetLanguages: ['fr', 'es', 'ru'], printRun: { copies: 10 } });
    jobs = await waitFor(() => openJobs(stack, who, document.id), 3, 'jobs');
  });

  test('the same completion twice answers the same job both times', async () => {
    const first = await complete(jobs[0], 'https://t.example.org/a');
    const second = await complete(jobs[0], 'https://t.example.org/a');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  test('concurrent identical completions all succeed and complete the job once', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => complete(jobs[1], 'https://t.example.org/b')));
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    expect(new Set(replies.map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    const history = await stack.request<{ items: { event: string; language?: string }[] }>('GET', `/documents/${document.id}/history`, { token: who.secretariat });
    expect(history.body.items.filter((item) => item.event === 'translated' && item.language === jobs[1].targetLanguage)).toHaveLength(1);
  });

  test('completing a closed job with other data is a conflict, and changes nothing', async () => {
    const conflict = await complete(jobs[0], 'https://t.example.org/other');
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ status: 409, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
    const job = await stack.request('GET', `/translation-jobs/${jobs[0].jobId}`, { token: who.translator });
    expect(job.body).toMatchObject({ status: 'completed', translatedUri: 'https://t.example.org/a' });
  });

  test('a heartbeat keeps an open job alive; on a closed job it is a conflict', async () => {
    expect((await stack.request('POST', `/translation-jobs/${jobs[2].jobId}/heartbeat`, { token: who.translator })).status).toBe(204);
    expect((await stack.request('POST', `/translation-jobs/${jobs[0].jobId}/heartbeat`, { token: who.translator })).status).toBe(409);
  });

  test('failing a completed job is a conflict; unknown jobs are 404', async () => {
    expect((await stack.request('POST', `/translation-jobs/${jobs[0].jobId}/fail`, { token: who.translator, body: { reason: 'late' } })).status).toBe(409);
    expect((await stack.request('POST', '/translation-jobs/tj-unknown/complete', { token: who.translator, body: { translatedUri: 'https://t.example.org/x' } })).status).toBe(404);
    expect((await stack.request('POST', '/editing-tasks/et-unknown/decision', { token: who.editor, body: { decision: 'approve' } })).status).toBe(404);
    expect((await stack.request('POST', '/print-jobs/pj-unknown/complete', { token: who.printer, body: { copiesPrinted: 1 } })).status).toBe(404);
  });

  test('decisions and print completions are idempotent and refuse contradictions', async () => {
    await complete(jobs[2], 'https://t.example.org/c');
    const tasks = await waitFor(() => openTasks(stack, who, document.id), 3, 'tasks');
    const decide = (taskId: string, decision: string) => stack.request('POST', `/editing-tasks/${taskId}/decision`, { token: who.editor, body: { decision } });
    const first = await decide(tasks[0].taskId, 'approve');
    const again = await decide(tasks[0].taskId, 'approve');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await decide(tasks[0].taskId, 'revise')).status).toBe(409);
    await approveAll(stack, who, document.id, 2);
    const [printJob] = await waitFor(() => openPrintJobs(stack, who, document.id), 1, 'print job');
    const printOnce = await stack.request('POST', `/print-jobs/${printJob.jobId}/complete`, { token: who.printer, body: { copiesPrinted: 10 } });
    const printTwice = await stack.request('POST', `/print-jobs/${printJob.jobId}/complete`, { token: who.printer, body: { copiesPrinted: 10 } });
    expect(printTwice.body).toEqual(printOnce.body);
    expect((await stack.request('POST', `/print-jobs/${printJob.jobId}/complete`, { token: who.printer, body: { copiesPrinted: 9 } })).status).toBe(409);
    await documentReaches(stack, who, document.id, 'completed');
  });

  test('callbacks for a withdrawn document are refused', async () => {
    const withdrawnDocument = await submit(stack, who, { targetLanguages: ['ar'] });
    await translateAll(stack, who, withdrawnDocument.id, 1);
    const [task] = await waitFor(() => openTasks(stack, who, withdrawnDocument.id), 1, 'task');
    await stack.request('POST', `/documents/${withdrawnDocument.id}/withdraw`, { token: who.secretariat });
    const late = await stack.request('POST', `/editing-tasks/${task.taskId}/decision`, { token: who.editor, body: { decision: 'approve' } });
    expect(late.status).toBe(409);
    expect((await stack.request('GET', `/documents/${withdrawnDocument.id}`, { token: who.secretariat })).body).toMatchObject({ status: 'withdrawn' });
  });
});

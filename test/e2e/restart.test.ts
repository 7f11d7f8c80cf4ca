import { type Actors, type Job, type Task, actors, approveAll, documentReaches, openJobs, openTasks, submit, translateAll, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';
import { executionStatus } from '../support/workflow';

/**
 * The stack is killed (SIGKILL: no shutdown hook runs) in the middle of three pipelines and
 * started again on the same data: every document resumes where it was, nothing is lost or
 * duplicated.
 */
let stack: LocalStack;
let who: Actors;

afterAll(() => stack.stop());

const ids = (items: { jobId?: string; taskId?: string }[]) => items.map((item) => item.jobId ?? item.taskId).sort();

test('killing the stack mid-pipeline and starting it again resumes every document', async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
  const waitingForTranslation = await submit(stack, who, { targetLanguages: ['fr', 'es', 'ru'] });
  const waitingForReview = await submit(stack, who, { targetLanguages: ['ar', 'zh'], printRun: { copies: 50 } });
  const justSubmitted = await submit(stack, who, { targetLanguages: ['en'], originalLanguage: 'fr' });

  const jobs = await waitFor(() => openJobs(stack, who, waitingForTranslation.id), 3, 'jobs');
  await stack.request('POST', `/translation-jobs/${jobs[0].jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://t.example.org/fr-1' } });
  await translateAll(stack, who, waitingForReview.id, 2);
  const tasks = await waitFor(() => openTasks(stack, who, waitingForReview.id), 2, 'tasks');
  await stack.request('POST', `/editing-tasks/${tasks[0].taskId}/decision`, { token: who.editor, body: { decision: 'approve' } });
  await waitFor(() => openJobs(stack, who, justSubmitted.id), 1, 'job');

  const before = {
    jobs: ids(await openJobs(stack, who, waitingForTranslation.id)),
    tasks: ids(await openTasks(stack, who, waitingForReview.id)),
    lone: ids(await openJobs(stack, who, justSubmitted.id)),
  };
  expect(before.jobs).toHaveLength(2);
  expect(before.tasks).toHaveLength(1);

  await stack.stop('SIGKILL');
  stack = await LocalStack.start({ dataDir: stack.dataDir });
  who = await actors(stack);

  // Same open work, same ids: nothing re-offered, nothing lost.
  expect(ids(await waitFor(() => openJobs(stack, who, waitingForTranslation.id), 2, 'jobs after restart'))).toEqual(before.jobs);
  expect(ids(await waitFor(() => openTasks(stack, who, waitingForReview.id), 1, 'task after restart'))).toEqual(before.tasks);
  expect(ids(await waitFor(() => openJobs(stack, who, justSubmitted.id), 1, 'job after restart'))).toEqual(before.lone);
  for (const id of [waitingForTranslation.id, waitingForReview.id, justSubmitted.id]) {
    expect(await executionStatus(stack, id)).toBe('RUNNING');
  }

  // And every document goes on to the end.
  await translateAll(stack, who, waitingForTranslation.id, 2);
  await approveAll(stack, who, waitingForTranslation.id, 3);
  await approveAll(stack, who, waitingForReview.id, 1);
  await translateAll(stack, who, justSubmitted.id, 1);
  await approveAll(stack, who, justSubmitted.id, 1);
  await documentReaches(stack, who, waitingForTranslation.id, 'completed');
  await documentReaches(stack, who, justSubmitted.id, 'completed');
  await documentReaches(stack, who, waitingForReview.id, 'printing');

  const completedJobs = (await stack.request<{ items: Job[] }>('GET', '/translation-jobs?status=completed&limit=100', { token: who.translator })).body.items;
  expect(completedJobs.filter((job) => job.documentId === waitingForTranslation.id)).toHaveLength(3);
  const completedTasks = (await stack.request<{ items: Task[] }>('GET', '/editing-tasks?status=completed&limit=100', { token: who.editor })).body.items;
  expect(completedTasks.filter((task) => task.documentId === waitingForReview.id)).toHaveLength(2);
  const history = await stack.request<{ items: { event: string }[] }>('GET', `/documents/${waitingForTranslation.id}/history`, { token: who.secretariat });
  expect(history.body.items.filter((item) => item.event === 'translation-requested')).toHaveLength(3);
  expect(history.body.items.filter((item) => item.event === 'editing-task-opened')).toHaveLength(3);
  await eventually(async () => ((await executionStatus(stack, waitingForTranslation.id)) === 'SUCCEEDED' ? true : undefined), 'execution to succeed');
});

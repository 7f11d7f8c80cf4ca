import {
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { type Actors, actors, approveAll, documentReaches, openJobs, submit, translateAll, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';

/**
 * An operator's view of the embedded Step Functions endpoint: the AWS SDK, pointed at the printed
 * `stepfunctions:` URL, finds the state machines, the document's execution and its whole history,
 * and the history survives a crash of the stack (SIGKILL) and goes on after the restart.
 */
let stack: LocalStack;
let who: Actors;
let sfn: SFNClient;

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  sfn?.destroy();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await stack?.stop();
});

function operatorClient(local: LocalStack): SFNClient {
  return new SFNClient({ endpoint: local.stepFunctionsUrl, region: 'us-east-1', credentials: { accessKeyId: 'operator', secretAccessKey: 'any' } });
}

async function history(executionArn: string, maxResults?: number): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

const count = (events: HistoryEvent[], type: string) => events.filter((event) => event.type === type).length;

/** Each state is entered once per input, each task is scheduled once per input: no event is repeated. */
function expectNoDuplicates(events: HistoryEvent[]): void {
  const entries = events.filter((e) => e.stateEnteredEventDetails).map((e) => JSON.stringify([e.type, e.stateEnteredEventDetails?.name, e.stateEnteredEventDetails?.input]));
  expect(new Set(entries).size).toBe(entries.length);
  const scheduled = events.filter((e) => e.type === 'TaskScheduled').map((e) => e.taskScheduledEventDetails?.parameters);
  expect(new Set(scheduled).size).toBe(scheduled.length);
  expect(count(events, 'ExecutionStarted')).toBe(1);
}

test('an operator finds the machines, the execution and its whole history, across a crash of the stack', async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
  sfn = operatorClient(stack);
  const document = await submit(stack, who, { targetLanguages: ['fr', 'es'] });

  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  const pipeline = stateMachines.find((machine) => machine.name?.startsWith('DocumentPipeline'));
  expect(pipeline).toMatchObject({ type: 'STANDARD', creationDate: expect.any(Date) });
  expect(stateMachines.some((machine) => machine.name?.includes('ContributionIntake'))).toBe(true);

  const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: pipeline?.stateMachineArn }));
  expect(described).toMatchObject({ status: 'ACTIVE', type: 'STANDARD', roleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//) });
  const definition = JSON.parse(described.definition ?? '') as { StartAt: string; States: Record<string, unknown> };
  expect(definition.StartAt).toBe('TranslateAllLanguages');
  expect(Object.keys(definition.States)).toEqual(expect.arrayContaining(['TranslateAllLanguages', 'ReviewAllLanguages', 'Publish', 'AwaitPrinting']));

  const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pipeline?.stateMachineArn }));
  const execution = executions.find((item) => item.name === document.id);
  expect(execution).toMatchObject({ status: 'RUNNING', stateMachineArn: pipeline?.stateMachineArn, startDate: expect.any(Date) });
  const executionArn = execution?.executionArn ?? '';
  const machineOfExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
  expect(machineOfExecution).toMatchObject({ stateMachineArn: pipeline?.stateMachineArn, name: pipeline?.name });

  // One language translated before the crash: its callback succeeded, the other waits.
  const [french] = (await waitFor(() => openJobs(stack, who, document.id), 2, 'translation jobs')).filter((job) => job.targetLanguage === 'fr');
  await stack.request('POST', `/translation-jobs/${french.jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://t.example.org/fr' } });
  const before = await eventually(async () => {
    const events = await history(executionArn);
    return count(events, 'TaskSucceeded') === 1 ? events : undefined;
  }, 'the French translation in the history');
  expect(before[0]).toMatchObject({ id: 1, type: 'ExecutionStarted', timestamp: expect.any(Date) });
  expect(JSON.parse(before[0].executionStartedEventDetails?.input ?? '')).toMatchObject({ documentId: document.id });
  expect(count(before, 'TaskScheduled')).toBe(2);
  expect(count(before, 'TaskSubmitted')).toBe(2);

  await stack.stop('SIGKILL');
  stack = await LocalStack.start({ dataDir: stack.dataDir });
  who = await actors(stack);
  sfn.destroy();
  sfn = operatorClient(stack);

  // Right after the restart, the history is the one from before (the replay added nothing).
  expect(await history(executionArn)).toEqual(before);

  await translateAll(stack, who, document.id, 1);
  await approveAll(stack, who, document.id, 2);
  await documentReaches(stack, who, document.id, 'completed');
  const after = await eventually(async () => {
    const events = await history(executionArn);
    return events.at(-1)?.type === 'ExecutionSucceeded' ? events : undefined;
  }, 'the execution to succeed');

  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.map((event) => event.id)).toEqual(after.map((_, i) => i + 1));
  expectNoDuplicates(after);
  // Two translations and two reviews handed over once each (the waiting one was handed over again
  // after the restart, which is not a second submission); their four callbacks and Publish succeeded.
  expect(count(after, 'TaskSubmitted')).toBe(4);
  expect(count(after, 'TaskSucceeded')).toBe(5);
  expect(count(after, 'MapIterationStarted')).toBe(4);

  // Paging: small pages, forwards or backwards, give the same events as one call.
  expect(await history(executionArn, 7)).toEqual(after);
  const newestFirst: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5, reverseOrder: true, nextToken }));
    newestFirst.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  expect(newestFirst).toEqual([...after].reverse());
});

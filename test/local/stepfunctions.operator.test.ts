import {
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { LocalStepFunctions, startStepFunctionsServer, type StepFunctionsServer } from '../../local/stepfunctions';
import { FakeLambdas, machineArn, sfnClient, startDynamo, waitForStatus, type Dynamo } from './stepfunctions.helpers';
import { counterLoop, fanOut, reviewMachine } from './stepfunctions.machines';

/** The read side of the API, as an operator's tools use it: machines, executions, histories. */
let dynamo: Dynamo;
let engine: LocalStepFunctions;
let server: StepFunctionsServer;
let sfn: SFNClient;
const lambdas = new FakeLambdas().on('increment', (p) => ({ count: (p as { count: number }).count + 1 })).on('reviewer', () => null);
const tracedReview = {
  ...reviewMachine,
  roleArn: 'arn:aws:iam::123456789012:role/ReviewRole',
  loggingConfiguration: { level: 'ALL' as const, includeExecutionData: false, destinations: [] },
  tracingConfiguration: { enabled: true },
};

beforeAll(async () => {
  dynamo = await startDynamo();
  engine = new LocalStepFunctions({ machines: [counterLoop, fanOut, tracedReview], invokeLambda: lambdas.invoke, documentClient: dynamo.documentClient, tableName: 'operator' });
  await engine.start();
  server = await startStepFunctionsServer(engine, { port: 0, host: '127.0.0.1' });
  sfn = sfnClient(server.url);
});

afterAll(async () => {
  await engine.stop();
  sfn.destroy();
  await server.close();
  await dynamo.close();
});

async function run(machine: { arn: string }, name: string, input: unknown = {}): Promise<string> {
  const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input: JSON.stringify(input) }));
  await waitForStatus(sfn, executionArn);
  return executionArn;
}

async function allEvents(executionArn: string, options: { maxResults: number; reverseOrder?: boolean }): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, ...options, nextToken }));
    expect(page.events?.length).toBeLessThanOrEqual(options.maxResults);
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

test('ListStateMachines lists every machine, by name, a page at a time', async () => {
  const all = await sfn.send(new ListStateMachinesCommand({}));
  expect(all.stateMachines?.map((m) => m.name)).toEqual(['CounterLoop', 'FanOut', 'Review']);
  expect(all.stateMachines?.[0]).toEqual({ stateMachineArn: counterLoop.arn, name: 'CounterLoop', type: 'STANDARD', creationDate: expect.any(Date) });
  expect(all.nextToken).toBeUndefined();
  const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
  const second = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
  expect([...(first.stateMachines ?? []), ...(second.stateMachines ?? [])]).toEqual(all.stateMachines);
  expect(second.nextToken).toBeUndefined();
});

test('DescribeStateMachine gives the definition as given and the settings from the template', async () => {
  const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: tracedReview.arn }));
  expect(described).toMatchObject({
    stateMachineArn: tracedReview.arn,
    name: 'Review',
    status: 'ACTIVE',
    type: 'STANDARD',
    roleArn: 'arn:aws:iam::123456789012:role/ReviewRole',
    loggingConfiguration: { level: 'ALL', includeExecutionData: false },
    tracingConfiguration: { enabled: true },
  });
  expect(JSON.parse(described.definition ?? '')).toEqual(tracedReview.definition);
  expect(described.creationDate).toBeInstanceOf(Date);
  const plain = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: counterLoop.arn }));
  expect(plain.roleArn).toBe('arn:aws:iam::123456789012:role/CounterLoop-role');
});

test('DescribeStateMachineForExecution names the machine an execution ran', async () => {
  const arn = await run(counterLoop, 'describe-1');
  const described = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: arn }));
  expect(described).toMatchObject({ stateMachineArn: counterLoop.arn, name: 'CounterLoop', updateDate: expect.any(Date) });
  expect((JSON.parse(described.definition ?? '') as { StartAt: string }).StartAt).toBe('Init');
});

test('GetExecutionHistory pages forwards and backwards, and can leave the data out', async () => {
  const arn = await run(counterLoop, 'paged-1');
  const whole = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }))).events ?? [];
  expect(whole.length).toBeGreaterThan(10);
  expect(await allEvents(arn, { maxResults: 3 })).toEqual(whole);
  expect(await allEvents(arn, { maxResults: 4, reverseOrder: true })).toEqual([...whole].reverse());

  const bare = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, includeExecutionData: false }))).events ?? [];
  expect(bare.map((e) => e.id)).toEqual(whole.map((e) => e.id));
  expect(bare[0].executionStartedEventDetails).toEqual({ inputDetails: { truncated: false } });
  expect(bare.find((e) => e.type === 'LambdaFunctionSucceeded')?.lambdaFunctionSucceededEventDetails?.output).toBeUndefined();
  expect(bare.find((e) => e.stateEnteredEventDetails)?.stateEnteredEventDetails?.name).toBe('Init');
  expect(bare.some((e) => JSON.stringify(e).includes('"count"'))).toBe(false);
});

test('ListExecutions pages newest first, stable while executions are added', async () => {
  const names = ['list-a', 'list-b', 'list-c'];
  for (const name of names) await run(fanOut, name, { count: 1 });
  const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: fanOut.arn, maxResults: 2 }));
  expect(first.executions?.map((e) => e.name)).toEqual(['list-c', 'list-b']);
  expect(first.executions?.[0]).toEqual({
    executionArn: `${fanOut.arn.replace(':stateMachine:', ':execution:')}:list-c`,
    stateMachineArn: fanOut.arn,
    name: 'list-c',
    status: 'SUCCEEDED',
    startDate: expect.any(Date),
    stopDate: expect.any(Date),
  });
  await run(fanOut, 'list-d', { count: 1 });
  const second = await sfn.send(new ListExecutionsCommand({ stateMachineArn: fanOut.arn, maxResults: 2, nextToken: first.nextToken }));
  expect(second.executions?.map((e) => e.name)).toEqual(['list-a']);
  expect(second.nextToken).toBeUndefined();
  const failed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: fanOut.arn, statusFilter: 'FAILED' }));
  expect(failed.executions).toEqual([]);
});

test('bad requests get the AWS errors', async () => {
  const executionOf = (name: string) => `${counterLoop.arn.replace(':stateMachine:', ':execution:')}:${name}`;
  await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' }))).rejects.toBeInstanceOf(InvalidArn);
  await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn('Nope') }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: executionOf('x') }))).rejects.toBeInstanceOf(InvalidArn);
  await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: counterLoop.arn }))).rejects.toBeInstanceOf(InvalidArn);
  await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: executionOf('nope') }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  await expect(sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: executionOf('nope') }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);

  const arn = await run(counterLoop, 'tokens-1');
  const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 2 }));
  await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, nextToken: 'garbage' }))).rejects.toBeInstanceOf(InvalidToken);
  // A token belongs to its request: other arguments make it invalid.
  await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, nextToken: page.nextToken, reverseOrder: true }))).rejects.toBeInstanceOf(InvalidToken);
  await expect(sfn.send(new ListStateMachinesCommand({ nextToken: page.nextToken }))).rejects.toBeInstanceOf(InvalidToken);
  await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: counterLoop.arn, maxResults: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: counterLoop.arn, statusFilter: 'DONE' as 'RUNNING' }))).rejects.toMatchObject({ name: 'ValidationException' });
  const unknown = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.constructor', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
  expect(unknown.status).toBe(400);
  expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
});

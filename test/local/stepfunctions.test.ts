import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { LocalStepFunctions, SfnError, startStepFunctionsServer, type StepFunctionsServer } from '../../local/stepfunctions';
import { FakeLambdas, machineArn, namedError, sfnClient, startDynamo, waitFor, waitForStatus, type Dynamo } from './stepfunctions.helpers';
import { approvals, counterLoop, expiring, fanOut, flaky, heartbeatReview, patientHeartbeatReview, reviewMachine, timedReview } from './stepfunctions.machines';

let dynamo: Dynamo;
let engine: LocalStepFunctions;
let server: StepFunctionsServer;
let sfn: SFNClient;
const lambdas = new FakeLambdas();
const flakyAttempts = new Map<string, number>();
/** Shifts the engine's clock (deadlines are computed from it), so heartbeats can be tested without sleeping. */
let clockOffsetMs = 0;

beforeAll(async () => {
  lambdas
    .on('prepare', (p) => ({ items: (p as { items: string[] }).items }))
    .on('approver', () => ({ queued: true }))
    .on('reviewer', () => null)
    .on('increment', (p) => ({ count: (p as { count: number }).count + 1 }))
    .on('flaky', (p) => {
      const key = (p as { key: string }).key;
      const attempt = (flakyAttempts.get(key) ?? 0) + 1;
      flakyAttempts.set(key, attempt);
      if (attempt <= 2) throw namedError('TransientError', `attempt ${attempt}`);
      return { ok: true, attempts: attempt };
    })
    .on('fatal', () => {
      throw namedError('FatalError', 'cannot continue');
    });
  dynamo = await startDynamo();
  engine = new LocalStepFunctions({
    machines: [approvals, reviewMachine, heartbeatReview, patientHeartbeatReview, timedReview, counterLoop, flaky, expiring, fanOut],
    invokeLambda: lambdas.invoke,
    documentClient: dynamo.documentClient,
    tableName: 'local-sfn-state',
    now: () => new Date(Date.now() + clockOffsetMs),
  });
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

async function start(machine: { arn: string }, input: unknown, name?: string): Promise<string> {
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input: JSON.stringify(input) }));
  return out.executionArn ?? '';
}

/** Waits for the next token handed to a callback function whose payload matches `match`. */
function tokenFor(fn: string, match: (payload: Record<string, unknown>) => boolean): Promise<string> {
  return waitFor(`a ${fn} invocation`, () => {
    const call = lambdas.callsTo(fn).find((c) => match(c.payload as Record<string, unknown>));
    return (call?.payload as { token?: string } | undefined)?.token;
  });
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

describe('callbacks (waitForTaskToken)', () => {
  test('each Map iteration waits for its callback, then the execution succeeds', async () => {
    const arn = await start(approvals, { items: ['a', 'b', 'c'] }, 'map-1');
    for (const item of ['c', 'a', 'b']) {
      const token = await tokenFor('arn:aws:lambda:us-east-1:123456789012:function:approver', (p) => p.item === item && p.execution === arn);
      expect(token).toMatch(/^LSF1-/);
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ item, approved: true }) }));
    }
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    const started = lambdas.callsTo('arn:aws:lambda:us-east-1:123456789012:function:approver').map((c) => (c.payload as { started: string }).started);
    expect(new Set(started)).toEqual(new Set([done.startDate?.toISOString()]));
    expect(JSON.parse(done.output ?? '')).toEqual({
      items: ['a', 'b', 'c'],
      prepared: { items: ['a', 'b', 'c'] },
      approvals: ['a', 'b', 'c'].map((item) => ({ item, approved: true })),
    });

    const events = await history(arn);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskSubmitted')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskSucceeded')).toHaveLength(4);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    const entered = events.find((e) => e.type === 'TaskStateEntered');
    expect(entered?.stateEnteredEventDetails?.name).toBe('Prepare');
    expect(types.indexOf('TaskStateEntered')).toBeLessThan(types.indexOf('TaskScheduled'));
    const scheduled = events.find((e) => e.taskScheduledEventDetails?.resource === 'invoke.waitForTaskToken');
    expect((JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as { FunctionName: string }).FunctionName).toContain('approver');
    expect(engine.executionStats(arn)).toEqual({ stateTransitions: 6, lambdaInvocations: 4 });
  });

  test('a second SendTaskSuccess on a completed token is harmless; a different one is TaskTimedOut', async () => {
    const arn = await start(reviewMachine, { doc: 'twice' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'twice');
    const output = JSON.stringify({ verdict: 'ok' });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output }));
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"verdict":"other"}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ doc: 'twice', review: { verdict: 'ok' }, outcome: 'accepted' });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  test('SendTaskFailure is matched by Catch with its error and cause', async () => {
    const arn = await start(reviewMachine, { doc: 'rejected' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'rejected');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'missing annex' }));
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      doc: 'rejected',
      error: { Error: 'Rejected', Cause: 'missing annex' },
      outcome: 'failed',
    });
    const failed = (await history(arn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ error: 'Rejected', cause: 'missing annex' });
  });

  test('no heartbeat within HeartbeatSeconds fails the task with States.HeartbeatTimeout', async () => {
    const arn = await start(heartbeatReview, { doc: 'silent' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'silent');
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    // States.TaskFailed matches a heartbeat timeout (it only exempts States.Timeout).
    expect(JSON.parse(done.output ?? '')).toMatchObject({ error: { Error: 'States.HeartbeatTimeout' }, outcome: 'failed' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect((await history(arn)).some((e) => e.type === 'TaskTimedOut')).toBe(true);
  });

  test('a heartbeat pushes the heartbeat deadline back', async () => {
    const arn = await start(patientHeartbeatReview, { doc: 'alive' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'alive');
    try {
      clockOffsetMs = 24_000;
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      clockOffsetMs = 48_000; // 48 s after the start, 24 s after the heartbeat (HeartbeatSeconds: 30)
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"verdict":"ok"}' }));
    } finally {
      clockOffsetMs = 0;
    }
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({ review: { verdict: 'ok' }, outcome: 'accepted' });
  });

  test('TimeoutSeconds fails the task with States.Timeout, which States.TaskFailed does not catch', async () => {
    const arn = await start(timedReview, { doc: 'slow' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'slow');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({ error: { Error: 'States.Timeout' }, outcome: 'timed-out' });
    await expect(sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  test('StopExecution aborts the run; later callbacks get TaskTimedOut', async () => {
    const arn = await start(reviewMachine, { doc: 'stopped' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'stopped');
    const stop = await sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'Withdrawn', cause: 'by the author' }));
    expect(stop.stopDate).toBeInstanceOf(Date);
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(done).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'by the author' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    const events = await history(arn);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Withdrawn' } });
    expect(events.some((e) => e.type === 'TaskSucceeded')).toBe(false);
  });
});

describe('execution limits', () => {
  test('the execution-level TimeoutSeconds times the execution out', async () => {
    const arn = await start(expiring, { doc: 'expiring' });
    const token = await tokenFor('reviewer', (p) => p.doc === 'expiring');
    const done = await waitForStatus(sfn, arn, 'TIMED_OUT');
    expect(done.error).toBe('States.Timeout');
    expect((await history(arn)).at(-1)?.type).toBe('ExecutionTimedOut');
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });
});

describe('Lambda tasks', () => {
  test('Parallel branches run and their results are collected', async () => {
    const arn = await start(fanOut, { count: 1 });
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual([{ count: 2 }, { count: 1 }]);
    const types = (await history(arn)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ParallelStateEntered', 'ParallelStateSucceeded', 'ParallelStateExited', 'PassStateExited']));
  });

  test('a Choice loop around a Lambda ARN resource counts transitions and invocations', async () => {
    const arn = await start(counterLoop, {});
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ count: 3 });
    // Init, 3 × (Increment, Check), Finished.
    expect(engine.executionStats(arn)).toEqual({ stateTransitions: 8, lambdaInvocations: 3 });
    const types = (await history(arn)).map((e) => e.type);
    expect(types.filter((t) => t === 'LambdaFunctionSucceeded')).toHaveLength(3);
    expect(types.filter((t) => t === 'ChoiceStateEntered')).toHaveLength(3);
  });

  test('Retry re-invokes a flaky function until it succeeds', async () => {
    const arn = await start(flaky, { fn: 'flaky', key: 'retry-1' });
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ ok: true, attempts: 3 });
    expect(engine.executionStats(arn).lambdaInvocations).toBe(3);
    const types = (await history(arn)).map((e) => e.type);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(2);
    expect(types.filter((t) => t === 'TaskScheduled')).toHaveLength(3);
  });

  test('Catch matches a function error by its name, with an AWS-style cause', async () => {
    const arn = await start(flaky, { fn: 'fatal' });
    const done = await waitForStatus(sfn, arn, 'SUCCEEDED');
    const output = JSON.parse(done.output ?? '') as { error: { Error: string; Cause: string } };
    expect(output.error.Error).toBe('FatalError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorType: 'FatalError', errorMessage: 'cannot continue' });
  });

  test('an uncaught function error fails the execution', async () => {
    const arn = await start(flaky, { fn: 'missing' });
    const done = await waitForStatus(sfn, arn, 'FAILED');
    expect(done.error).toBe('ResourceNotFoundException');
    expect((await history(arn)).at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'ResourceNotFoundException' } });
  });
});

describe('API', () => {
  test('StartExecution is idempotent by name and input while the execution runs, and refuses a closed one\'s name', async () => {
    const input = JSON.stringify({ doc: 'idem' });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.arn, name: 'idem-1', input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.arn, name: 'idem-1', input: '{ "doc": "idem" }' }));
    expect(again).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.arn, name: 'idem-1', input: '{"doc":"other"}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const token = await tokenFor('reviewer', (p) => p.doc === 'idem');
    expect(lambdas.callsTo('reviewer').filter((c) => (c.payload as { doc: string }).doc === 'idem')).toHaveLength(1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await waitForStatus(sfn, first.executionArn ?? '', 'SUCCEEDED');
    // A closed execution's name is not reused (AWS keeps it 90 days): ExecutionAlreadyExists, even with the same input.
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.arn, name: 'idem-1', input }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  test('ListExecutions filters by state machine and status', async () => {
    const running = await start(reviewMachine, { doc: 'listed' }, 'listed-1');
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: reviewMachine.arn }));
    expect(all.executions?.map((e) => e.executionArn)).toContain(running);
    const onlyRunning = await sfn.send(new ListExecutionsCommand({ stateMachineArn: reviewMachine.arn, statusFilter: 'RUNNING' }));
    expect(onlyRunning.executions?.every((e) => e.status === 'RUNNING')).toBe(true);
    expect(onlyRunning.executions?.map((e) => e.name)).toContain('listed-1');
    const succeeded = await sfn.send(new ListExecutionsCommand({ stateMachineArn: reviewMachine.arn, statusFilter: 'SUCCEEDED' }));
    expect(succeeded.executions?.map((e) => e.name)).not.toContain('listed-1');
    const paged = await sfn.send(new ListExecutionsCommand({ stateMachineArn: reviewMachine.arn, maxResults: 1 }));
    expect(paged.executions).toHaveLength(1);
    expect(paged.nextToken).toBeDefined();
    await sfn.send(new StopExecutionCommand({ executionArn: running }));
  });

  test('errors come back as the SDK exception classes', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.arn, name: 'bad name', input: '{}' })),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn('Nope'), input: '{}' }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: `${reviewMachine.arn.replace('stateMachine', 'execution')}:nope` })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
    const unknown = `LSF1-${'A'.repeat(43)}`;
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: unknown }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(engine.sendTaskFailure({ taskToken: unknown })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(engine.describeExecution({ executionArn: 'x' })).rejects.toBeInstanceOf(SfnError);
  });

  test('start() rejects definitions with unsupported features', async () => {
    const withResource = (Resource: string) => ({
      arn: machineArn('Unsupported'),
      name: 'Unsupported',
      definition: { StartAt: 'Send', States: { Send: { Type: 'Task', Resource, End: true } } },
    });
    const engineFor = (machine: ReturnType<typeof withResource>) =>
      new LocalStepFunctions({ machines: [machine], invokeLambda: lambdas.invoke, documentClient: dynamo.documentClient, tableName: 'unused' });
    await expect(engineFor(withResource('arn:aws:states:::sqs:sendMessage')).start()).rejects.toThrow(/unsupported Task resource/);
    const noToken = withResource('arn:aws:states:::lambda:invoke.waitForTaskToken');
    await expect(engineFor(noToken).start()).rejects.toThrow(/\$\$\.Task\.Token/);
  });
});

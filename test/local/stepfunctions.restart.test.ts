import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { LocalStepFunctions, startStepFunctionsServer, type StepFunctionsServer } from '../../local/stepfunctions';
import { FakeLambdas, sfnClient, startDynamo, waitFor, waitForStatus, type Dynamo } from './stepfunctions.helpers';
import { approvals, timedReview } from './stepfunctions.machines';

/** One "stack": dynalite on disk, the engine and its HTTP endpoint. */
interface Stack {
  dynamo: Dynamo;
  engine: LocalStepFunctions;
  server: StepFunctionsServer;
  sfn: SFNClient;
}

const TABLE = 'local-sfn-restart';
const APPROVER = 'arn:aws:lambda:us-east-1:123456789012:function:approver';
let dir: string;
let stack: Stack | undefined;
/** The history of the execution that ran across the restart, as it ended. */
let finalHistory: HistoryEvent[] = [];

async function historyOf(s: Stack, executionArn: string): Promise<HistoryEvent[]> {
  return (await s.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

const count = (events: HistoryEvent[], type: string): number => events.filter((e) => e.type === type).length;

async function startStack(lambdas: FakeLambdas, now?: () => Date): Promise<Stack> {
  const dynamo = await startDynamo(dir);
  const engine = new LocalStepFunctions({
    machines: [approvals, { ...timedReview, definition: withTimeout(30) }],
    invokeLambda: lambdas.invoke,
    documentClient: dynamo.documentClient,
    tableName: TABLE,
    now,
  });
  await engine.start();
  const server = await startStepFunctionsServer(engine, { port: 0, host: '127.0.0.1' });
  return { dynamo, engine, server, sfn: sfnClient(server.url) };
}

/** Kills the stack: the engine stops as a crash would (no status written), then everything closes. */
async function killStack(s: Stack): Promise<void> {
  await s.engine.stop();
  s.sfn.destroy();
  await s.server.close();
  await s.dynamo.close();
}

function withTimeout(seconds: number): object {
  const definition = JSON.parse(JSON.stringify(timedReview.definition)) as { States: { Review: { TimeoutSeconds: number } } };
  definition.States.Review.TimeoutSeconds = seconds;
  return definition;
}

function fakeLambdas(): FakeLambdas {
  return new FakeLambdas()
    .on('prepare', (p) => ({ items: (p as { items: string[] }).items }))
    .on('approver', () => ({ queued: true }))
    .on('reviewer', () => null);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-sfn-'));
});

afterAll(async () => {
  if (stack) await killStack(stack);
  rmSync(dir, { recursive: true, force: true });
});

test('a restarted stack resumes running executions without losing or repeating callbacks', async () => {
  const before = fakeLambdas();
  stack = await startStack(before);
  const first = stack;
  const started = await first.sfn.send(
    new StartExecutionCommand({ stateMachineArn: approvals.arn, name: 'restart-1', input: JSON.stringify({ items: ['a', 'b', 'c'] }) }),
  );
  const arn = started.executionArn ?? '';
  const timed = await first.sfn.send(
    new StartExecutionCommand({ stateMachineArn: timedReview.arn, name: 'restart-timeout', input: JSON.stringify({ doc: 'd' }) }),
  );
  await waitFor('three approver invocations', () => (before.tokensOf(APPROVER).length === 3 ? true : undefined));
  await waitFor('the reviewer invocation', () => (before.tokensOf('reviewer').length === 1 ? true : undefined));
  const tokenOf = (item: string): string =>
    (before.callsTo(APPROVER).find((c) => (c.payload as { item: string }).item === item)?.payload as { token: string }).token;

  // 'a' completes normally; 'b' is acknowledged just as the process dies (its waiter is gone, the
  // stored outcome must carry it); 'c' is still waiting.
  await first.sfn.send(new SendTaskSuccessCommand({ taskToken: tokenOf('a'), output: '{"item":"a","ok":true}' }));
  const historyBefore = await waitFor('the three submissions in the history', async () => {
    const events = await historyOf(first, arn);
    return count(events, 'TaskSubmitted') === 3 ? events : undefined;
  });
  await first.engine.stop();
  await first.engine.sendTaskSuccess({ taskToken: tokenOf('b'), output: '{"item":"b","ok":true}' });
  await killStack(first);

  // Restart with a clock 60 s ahead: the 30 s timeout of the review passed while the stack was down.
  const after = fakeLambdas();
  stack = await startStack(after, () => new Date(Date.now() + 60_000));
  const second = stack;

  const reinvoked = await waitFor('the waiting approval to be re-invoked', () => {
    const tokens = after.tokensOf(APPROVER);
    return tokens.length > 0 ? tokens : undefined;
  });
  expect(reinvoked).toEqual([tokenOf('c')]);
  expect(after.callsTo('prepare')).toHaveLength(1); // plain Lambda tasks are simply re-run

  const timedOut = await waitForStatus(second.sfn, timed.executionArn ?? '', 'SUCCEEDED');
  expect(JSON.parse(timedOut.output ?? '')).toMatchObject({ error: { Error: 'States.Timeout' }, outcome: 'timed-out' });
  expect(after.callsTo('reviewer')).toHaveLength(0);

  await second.sfn.send(new SendTaskSuccessCommand({ taskToken: tokenOf('c'), output: '{"item":"c","ok":true}' }));
  const done = await waitForStatus(second.sfn, arn, 'SUCCEEDED');
  expect(done.startDate).toEqual(started.startDate);
  expect((JSON.parse(done.output ?? '') as { approvals: unknown }).approvals).toEqual([
    { item: 'a', ok: true },
    { item: 'b', ok: true },
    { item: 'c', ok: true },
  ]);
  expect(after.tokensOf(APPROVER)).toHaveLength(1);
  expect(second.engine.executionStats(arn)).toEqual({ stateTransitions: 6, lambdaInvocations: 2 });

  // The history is the one from before the restart, continued: the replay added no second copy.
  const events = await historyOf(second, arn);
  expect(events.slice(0, historyBefore.length)).toEqual(historyBefore);
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  expect(events.length).toBeGreaterThan(historyBefore.length);
  expect(events[historyBefore.length].timestamp?.getTime()).toBeGreaterThanOrEqual(historyBefore.at(-1)?.timestamp?.getTime() ?? Infinity);
  expect(count(events, 'ExecutionStarted')).toBe(1);
  expect(count(events, 'MapIterationStarted')).toBe(3);
  expect(count(events, 'TaskScheduled')).toBe(4);
  expect(count(events, 'TaskSubmitted')).toBe(3); // 'c' was handed over again, but it was submitted once
  expect(count(events, 'TaskSucceeded')).toBe(4);
  expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  finalHistory = events;

  // A late duplicate of an acknowledged callback is still accepted silently.
  await second.sfn.send(new SendTaskSuccessCommand({ taskToken: tokenOf('a'), output: '{"item":"a","ok":true}' }));
});

test('executions that finished before a restart stay finished and are not resumed', async () => {
  if (stack) await killStack(stack);
  const lambdas = fakeLambdas();
  stack = await startStack(lambdas);
  const listed = await stack.engine.listExecutions({ stateMachineArn: approvals.arn });
  expect(listed.executions?.map((e) => [e.name, e.status])).toEqual([['restart-1', 'SUCCEEDED']]);
  expect(lambdas.calls).toHaveLength(0);
  // Its history is read back from the store, whole.
  const events = (await stack.engine.getExecutionHistory({ executionArn: listed.executions?.[0]?.executionArn, maxResults: 1000 })).events ?? [];
  expect(finalHistory.length).toBeGreaterThan(30);
  expect(events).toEqual(finalHistory);
});

import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { Agent } from 'node:http';
import { addCalls, emptyCalls } from './lib/calls';
import type { BenchContext } from './lib/context';
import { type Actors, actors, submit } from './lib/documents';
import { type Figure, figure, median } from './lib/figures';
import { expectStatus, pool, sleep, until } from './lib/load';
import type { CallCounts, RecordedRequest } from './lib/protocol';
import { replay } from './lib/replay';
import { BenchStack } from './lib/stack';

interface Sizes {
  /** Documents per measured batch, and batches (a floor segment before each and after the last). */
  batch: number;
  batches: number;
  /** Documents driven first, not timed: warms the functions up, and its DynamoDB requests are the floor's workload. */
  recorded: number;
}

const FULL: Sizes = { batch: 250, batches: 4, recorded: 20 };
const QUICK: Sizes = { batch: 2, batches: 2, recorded: 2 };
const COPIES = 100;

interface WorkItem {
  id: string;
  documentId: string;
}

/**
 * A person who answers at once: pulls the open list, works each new item as soon as it appears
 * (`workers` at a time), until told to stop.
 */
function answerer(options: { list: () => Promise<WorkItem[]>; work: (item: WorkItem) => Promise<void>; workers: number }) {
  const seen = new Set<string>();
  const queue: WorkItem[] = [];
  let stopped = false;
  let failure: unknown;
  const poller = async () => {
    let idle = 20;
    while (!stopped) {
      if (queue.length > 100) {
        await sleep(5);
        continue;
      }
      const fresh = (await options.list()).filter((item) => !seen.has(item.id));
      for (const item of fresh) {
        seen.add(item.id);
        queue.push(item);
      }
      // New work: look again soon; none: back off to 100 ms ("at once" for a person, cheap for the stack).
      idle = fresh.length ? 20 : Math.min(idle * 2, 100);
      await sleep(idle);
    }
  };
  const worker = async () => {
    while (!stopped) {
      const item = queue.shift();
      if (!item) {
        await sleep(2);
        continue;
      }
      await options.work(item);
    }
  };
  const running = Promise.all([poller(), ...Array.from({ length: options.workers }, worker)]).catch((error: unknown) => {
    failure = error;
    stopped = true;
  });
  return {
    async stop() {
      stopped = true;
      await running;
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the loop caught, as it was
      if (failure) throw failure;
    },
    get failure() {
      return failure;
    },
  };
}

/** Submits `count` documents with a print run and drives each through translation, editing and printing; resolves when all are completed. */
async function driveBatch(stack: BenchStack, who: Actors, count: number): Promise<{ ms: number; ids: string[]; httpRequests: number }> {
  let printed = 0;
  let httpRequests = 0;
  const request = async <T>(method: string, route: string, token: string, body?: unknown) => {
    httpRequests += 1;
    return stack.request<T>(method, route, { token, body });
  };
  const list = (route: string, token: string, idField: string) => async () => {
    const reply = await request<{ items: Record<string, string>[] }>('GET', `${route}?status=open&limit=100`, token);
    expectStatus(reply, 200, `GET ${route}`);
    return reply.body.items.map((item) => ({ id: item[idField], documentId: item.documentId }));
  };
  const start = performance.now();
  const translator = answerer({
    list: list('/translation-jobs', who.translator, 'jobId'),
    workers: 8,
    work: async (job) => {
      const reply = await request('POST', `/translation-jobs/${job.id}/complete`, who.translator, { translatedUri: `https://translations.example.org/${job.id}` });
      expectStatus(reply, 200, 'translation complete');
    },
  });
  const editor = answerer({
    list: list('/editing-tasks', who.editor, 'taskId'),
    workers: 8,
    work: async (task) => {
      const reply = await request('POST', `/editing-tasks/${task.id}/decision`, who.editor, { decision: 'approve' });
      expectStatus(reply, 200, 'editing decision');
    },
  });
  const printer = answerer({
    list: list('/print-jobs', who.printer, 'jobId'),
    workers: 4,
    work: async (job) => {
      const reply = await request('POST', `/print-jobs/${job.id}/complete`, who.printer, { copiesPrinted: COPIES });
      expectStatus(reply, 200, 'print complete');
      printed += 1;
    },
  });
  const ids: string[] = [];
  try {
    await pool(count, 4, async () => {
      httpRequests += 1;
      ids.push(await submit(stack, who.secretariat, true));
    });
    const deadline = Date.now() + 300_000;
    while (printed < count) {
      const failure = translator.failure ?? editor.failure ?? printer.failure;
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the loop caught, as it was
      if (failure) throw failure;
      if (Date.now() > deadline) throw new Error(`pipeline stalled: ${printed} of ${count} documents printed`);
      await sleep(5);
    }
  } finally {
    await Promise.all([translator.stop(), editor.stop(), printer.stop()]);
  }
  return { ms: performance.now() - start, ids, httpRequests };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const totalDynamo = (calls: CallCounts) => Object.values(calls.functions).reduce((sum, fn) => sum + fn.dynamo, 0);

/**
 * 3. Pipeline throughput: documents with five target languages and a print run, driven through
 * HTTP by translator, editor and printer clients that answer at once. The floor is the rate at
 * which the same embedded DynamoDB serves the requests those documents make (a recorded batch
 * replayed, ids renamed), measured in segments alternating with the batches.
 */
export async function pipelineThroughput(ctx: BenchContext): Promise<Figure[]> {
  const sizes = ctx.quick ? QUICK : FULL;
  const stack = await BenchStack.start();
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const who = await actors(stack);

    // The recorded batch: warm-up, and the floor's workload.
    await stack.record(true);
    await driveBatch(stack, who, sizes.recorded);
    await stack.settle();
    const recorded: RecordedRequest[] = await stack.record(false);
    await stack.calls(true);

    const floorRates: number[] = [];
    const refused: Record<string, number> = {};
    const floorSegment = async () => {
      await stack.settle();
      const { ms, errors, refused: segmentRefused } = await replay(stack.info.dynamodb, recorded, 16, agent);
      if (errors) throw new Error(`the floor replay met ${errors} server errors`);
      for (const [type, n] of Object.entries(segmentRefused)) refused[type] = (refused[type] ?? 0) + n;
      floorRates.push(recorded.length / (ms / 1000));
    };

    // What the memory is made of, sampled while the batches run.
    const peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, dynamoHeap: 0 };
    const sampler = setInterval(() => {
      stack.memory().then(
        (m) => {
          for (const key of ['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const) peaks[key] = Math.max(peaks[key], m[key]);
          peaks.dynamoHeap = Math.max(peaks.dynamoHeap, m.dynamoHeap.heapTotal);
          if (process.env.BENCH_MEMORY_LOG) {
            ctx.log(`  memory: rss ${mib(m.rss)}, heap ${mib(m.heapUsed)}/${mib(m.heapTotal)}, DynamoDB thread heap ${mib(m.dynamoHeap.heapUsed)}/${mib(m.dynamoHeap.heapTotal)}, external ${mib(m.external)}`);
          }
        },
        () => undefined,
      );
    }, 2000);
    const rates: number[] = [];
    const ids: string[] = [];
    let calls: CallCounts | undefined;
    let httpRequests = 0;
    let timedMs = 0;
    for (let batch = 0; batch < sizes.batches; batch++) {
      await floorSegment();
      await stack.settle();
      await stack.calls(true);
      const before = await stack.memory();
      const result = await driveBatch(stack, who, sizes.batch);
      const after = await stack.memory();
      ctx.log(`  stack process: ${((after.cpuMicros - before.cpuMicros) / 1000 / result.ms * 100).toFixed(0)}% CPU, event loop ${(after.eventLoop * 100).toFixed(0)}% busy`);
      await stack.settle();
      const batchCalls = await stack.calls(true);
      calls = mergeCalls(calls, batchCalls);
      rates.push(sizes.batch / (result.ms / 1000));
      ids.push(...result.ids);
      httpRequests += result.httpRequests;
      timedMs += result.ms;
      ctx.log(`  batch ${batch + 1}/${sizes.batches}: ${sizes.batch} documents in ${(result.ms / 1000).toFixed(1)} s (${(sizes.batch / (result.ms / 1000)).toFixed(1)}/s), floor ${(floorRates.at(-1) ?? 0).toFixed(0)} requests/s`);
    }
    clearInterval(sampler);
    await floorSegment();
    if (!calls) throw new Error('no batch ran');

    // Every execution has succeeded; state transitions and the engine's Lambda invocations come from the engine.
    const documents = ids.length;
    const succeeded = new Set<string>();
    await until(async () => {
      let nextToken: string | undefined;
      do {
        const page = await stack.sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.info.pipelineArn, statusFilter: 'SUCCEEDED', maxResults: 1000, nextToken }));
        for (const execution of page.executions ?? []) if (execution.name) succeeded.add(execution.name);
        nextToken = page.nextToken;
      } while (nextToken);
      return ids.every((id) => succeeded.has(id)) ? true : undefined;
    }, `the ${documents} pipelines to succeed`, 60_000);
    const engine = await stack.executions(ids.map((id) => stack.executionArn(id)));
    const memory = await stack.memory();

    const appRequests = totalDynamo(calls) / documents;
    const engineRequests = calls.engine.dynamo / documents;
    const perDocument = appRequests + engineRequests;
    const floorDocs = median(floorRates) / perDocument;
    const invocations = calls.invocations / documents;
    const apiInvocations = invocations - engine.lambdaInvocations / documents;
    const refusedNote = Object.entries(refused).map(([type, n]) => `${type}×${n}`).join(', ');
    return [
      figure({
        name: 'pipeline: documents per second',
        value: median(rates),
        baseline: floorDocs,
        higherIsBetter: true,
        target: ctx.quick ? null : 2.0,
        unit: 'docs/s',
        runs: rates.length,
        note:
          `${documents} documents × 5 languages with a print run, in ${rates.length} batches (${(timedMs / 1000).toFixed(1)} s); ` +
          `floor: the embedded DynamoDB serving a recorded batch's ${recorded.length} requests (${(recorded.length / sizes.recorded).toFixed(0)} per document) at concurrency 16, ` +
          `median ${median(floorRates).toFixed(0)} requests/s over ${floorRates.length} segments, ÷ ${perDocument.toFixed(1)} requests per document` +
          (refusedNote ? `; conditional refusals in the replay: ${refusedNote}` : ''),
      }),
      figure({
        name: 'pipeline: state transitions per document',
        value: engine.stateTransitions / documents,
        limit: ctx.quick ? null : 30,
        unit: 'transitions',
        runs: documents,
        note: `most in one execution: ${engine.maxTransitions}; no revisions`,
      }),
      figure({
        name: 'pipeline: Lambda invocations per document',
        value: invocations,
        unit: 'invocations',
        runs: documents,
        note: `${(engine.lambdaInvocations / documents).toFixed(1)} by the state machine, ${apiInvocations.toFixed(1)} by HTTP requests (${(httpRequests / documents).toFixed(1)} per document, list polls included)`,
      }),
      figure({
        name: 'pipeline: DynamoDB requests per document',
        value: appRequests,
        unit: 'requests',
        runs: documents,
        note: functionBreakdown(calls, documents),
      }),
      figure({
        name: 'pipeline: local Step Functions store requests per document',
        value: engineRequests,
        unit: 'requests',
        runs: documents,
        note: `the embedded engine's own DynamoDB table (not billed in AWS, where Step Functions keeps its state); ${Object.entries(calls.engine.ops).map(([op, n]) => `${op}×${(n / documents).toFixed(1)}`).join(' ')}`,
      }),
      figure({
        name: 'pipeline: peak RSS of the stack',
        value: memory.maxRss / 2 ** 20,
        limit: ctx.quick ? null : 500,
        unit: 'MiB',
        runs: 1,
        note: `sampled every 2 s while the batches ran: main thread V8 heap up to ${mib(peaks.heapTotal)} (${mib(peaks.heapUsed)} used), DynamoDB thread heap up to ${mib(peaks.dynamoHeap)}, external up to ${mib(peaks.external)}`,
      }),
    ];
  } finally {
    agent.destroy();
    await stack.stop();
  }
}

function mergeCalls(into: CallCounts | undefined, add: CallCounts): CallCounts {
  if (!into) return add;
  for (const [name, fn] of Object.entries(add.functions)) {
    addCalls((into.functions[name] ??= emptyCalls()), fn);
  }
  into.engine.dynamo += add.engine.dynamo;
  for (const [op, n] of Object.entries(add.engine.ops)) into.engine.ops[op] = (into.engine.ops[op] ?? 0) + n;
  into.invocations += add.invocations;
  return into;
}

/** DynamoDB requests per document, by function (short names). */
function functionBreakdown(calls: CallCounts, documents: number): string {
  return Object.entries(calls.functions)
    .filter(([, fn]) => fn.dynamo > 0)
    .sort((a, b) => b[1].dynamo - a[1].dynamo)
    .map(([name, fn]) => `${name.replace(/[0-9A-F]{8}$/, '')} ${(fn.dynamo / documents).toFixed(1)}`)
    .join(', ');
}

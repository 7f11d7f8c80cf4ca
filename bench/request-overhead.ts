import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { makeDocumentStore } from '../functions/documents/adapters/document-store';
import { tokenOwner } from '../functions/documents/adapters/task-tokens';
import { makeTranslationJobStore } from '../functions/documents/adapters/translation-jobs';
import { completeTranslation } from '../functions/documents/app/work-item-kinds';
import type { DocumentRecord } from '../functions/documents/core/document';
import { makeTaskTokens } from '../functions/shared/aws/task-tokens';
import { accountCases } from './account';
import { addCalls, emptyCalls } from './lib/calls';
import type { BenchContext } from './lib/context';
import { type Actors, type OpenJob, actors, listAll, submission, submit } from './lib/documents';
import { type Figure, figure, median, percentile } from './lib/figures';
import { expectStatus, pool, until } from './lib/load';
import type { OverheadCase } from './lib/overhead-case';
import type { FunctionCalls } from './lib/protocol';
import { BenchStack } from './lib/stack';

export interface Plan {
  concurrency: number[];
  /** Per concurrency: rounds of (subject block, baseline block), alternating which goes first. */
  rounds: Record<number, number>;
  block: Record<number, number>;
  warmup: number;
}

// An even number of rounds: each side goes first equally often.
const FULL: Plan = { concurrency: [1, 16], rounds: { 1: 6, 16: 2 }, block: { 1: 16, 16: 48 }, warmup: 8 };
const QUICK: Plan = { concurrency: [1, 16], rounds: { 1: 1, 16: 1 }, block: { 1: 3, 16: 16 }, warmup: 1 };

export function inputsNeeded(plan: Plan): number {
  return plan.warmup + plan.concurrency.reduce((sum, c) => sum + plan.rounds[c] * plan.block[c], 0);
}

/** The calls the route's function made in the invocations since the last reset. */
async function routeCalls(stack: BenchStack, routeKey: string): Promise<FunctionCalls> {
  const snapshot = await stack.calls(true);
  return snapshot.functions[stack.functionOf(routeKey)] ?? emptyCalls();
}

export async function measureCase(stack: BenchStack, overhead: OverheadCase, plan: Plan, ctx: BenchContext): Promise<Figure[]> {
  const name = overhead.name;
  ctx.log(`  ${name}: preparing ${inputsNeeded(plan)} inputs per side`);
  await overhead.prepare(inputsNeeded(plan));
  let nextSubject = 0;
  let nextBaseline = 0;
  const baselineCalls = { dynamo: 0, sfn: 0, n: 0 };
  const subject = () => overhead.subject(nextSubject++);
  const baseline = async () => {
    const calls = await overhead.baseline(nextBaseline++);
    baselineCalls.dynamo += calls.dynamo;
    baselineCalls.sfn += calls.sfn;
    baselineCalls.n += 1;
  };

  // Warm-up: the function's cold start, connections, JIT; not measured.
  await pool(plan.warmup, 1, subject);
  await pool(plan.warmup, 1, baseline);
  await stack.settle();
  await stack.calls(true);

  const figures: Figure[] = [];
  const counted = emptyCalls();
  for (const concurrency of plan.concurrency) {
    const times = { subject: [] as number[], baseline: [] as number[] };
    const started = Date.now();
    for (let round = 0; round < plan.rounds[concurrency]; round++) {
      const order = round % 2 === 0 ? (['subject', 'baseline'] as const) : (['baseline', 'subject'] as const);
      for (const side of order) {
        await stack.settle();
        await stack.calls(true);
        const block = await pool(plan.block[concurrency], concurrency, side === 'subject' ? subject : baseline);
        times[side].push(...block);
        if (side === 'subject') addCalls(counted, await routeCalls(stack, overhead.routeKey));
      }
    }
    ctx.log(`  ${name} @${concurrency}: ${times.subject.length}+${times.baseline.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const runs = times.subject.length;
    figures.push(
      figure({ name: `${name}: p50 @${concurrency}`, value: median(times.subject), baseline: median(times.baseline), target: ctx.quick ? null : 1.5, unit: 'ms', runs }),
      figure({ name: `${name}: p99 @${concurrency}`, value: percentile(times.subject, 99), baseline: percentile(times.baseline, 99), unit: 'ms', runs }),
    );
  }
  if (counted.invocations === 0) throw new Error(`${name}: no invocation of its function was seen`);
  const perRequest = (n: number) => n / counted.invocations;
  const ops = Object.entries(counted.ops)
    .map(([op, n]) => `${op.replace(/^(dynamodb|sfn):/, '')}×${(n / counted.invocations).toFixed(2).replace(/\.00$/, '')}`)
    .join(' ');
  figures.push(
    figure({
      name: `${name}: DynamoDB calls per request`,
      value: perRequest(counted.dynamo),
      baseline: baselineCalls.dynamo / baselineCalls.n,
      unit: 'calls',
      runs: counted.invocations,
      note: ops,
    }),
    figure({
      name: `${name}: Step Functions calls per request`,
      value: perRequest(counted.sfn),
      baseline: baselineCalls.sfn / baselineCalls.n,
      unit: 'calls',
      runs: counted.invocations,
    }),
  );
  if (overhead.submission) {
    figures.push(figure({ name: `${name}: synchronous calls (most in one request)`, value: counted.maxCalls, unit: 'calls', limit: ctx.quick ? null : 4, runs: counted.invocations }));
  }
  if (overhead.variant) {
    const { variant } = overhead;
    await stack.settle();
    await stack.calls(true);
    await pool(variant.count, 1, variant.run);
    const calls = await routeCalls(stack, overhead.routeKey);
    const variantOps = Object.entries(calls.ops)
      .map(([op, n]) => `${op.replace(/^(dynamodb|sfn):/, '')}×${(n / Math.max(1, calls.invocations)).toFixed(2).replace(/\.00$/, '')}`)
      .join(' ');
    figures.push(
      figure({
        name: `${name} ${variant.name}: synchronous calls (most in one request)`,
        value: calls.maxCalls,
        unit: 'calls',
        limit: overhead.submission && !ctx.quick ? 4 : null,
        runs: calls.invocations,
        note: variantOps,
      }),
    );
  }
  return figures;
}

/** Table names and the pipeline, as the template gives them to the functions. */
function environmentOf(stack: BenchStack, routeKey: string): Record<string, string> {
  const fn = stack.info.functions.find((candidate) => candidate.name === stack.functionOf(routeKey));
  return fn?.environment ?? {};
}

/** POST /documents: symbol guard, document, StartExecution (through the documents store). */
export function submitCase(stack: BenchStack, who: Actors): OverheadCase {
  const routeKey = 'POST /documents';
  const env = environmentOf(stack, routeKey);
  const documents = makeDocumentStore({ db: stack.db, tableName: env.DOCUMENTS_TABLE });
  let template: DocumentRecord | undefined;
  return {
    name: routeKey,
    routeKey,
    submission: true,
    async prepare() {
      // The document item the function stores, as a template for the baseline's (same size and shape).
      const id = await submit(stack, who.secretariat);
      template = await documents.getDocument(id);
      if (!template) throw new Error('the submitted document is not stored where expected');
    },
    async subject() {
      const reply = await stack.request('POST', '/documents', { token: who.secretariat, body: submission() });
      expectStatus(reply, 201, routeKey);
    },
    async baseline() {
      const body = submission();
      const id = randomUUID();
      const at = new Date().toISOString();
      if (!template) throw new Error('prepare first');
      await documents.reserveSymbol(String(body.symbol), id);
      await documents.insertDocument({ ...template, id, symbol: String(body.symbol), createdAt: at, updatedAt: at });
      await stack.sfn.send(
        new StartExecutionCommand({ stateMachineArn: env.DOCUMENT_PIPELINE_ARN, name: id, input: JSON.stringify({ documentId: id, targetLanguages: template.targetLanguages }) }),
      );
      return { dynamo: 2, sfn: 1 };
    },
    variant: {
      name: 'with Idempotency-Key',
      count: 10,
      async run() {
        const reply = await stack.request('POST', '/documents', { token: who.secretariat, body: submission(), headers: { 'idempotency-key': randomUUID() } });
        expectStatus(reply, 201, `${routeKey} with Idempotency-Key`);
      },
    },
  };
}

/** POST /translation-jobs/{jobId}/complete: job, its transition, the document's language, history, token, SendTaskSuccess (through the stores). */
export function completeCase(stack: BenchStack, who: Actors): OverheadCase {
  const routeKey = 'POST /translation-jobs/{jobId}/complete';
  const env = environmentOf(stack, routeKey);
  const jobs = { subject: [] as OpenJob[], baseline: [] as OpenJob[] };
  const store = makeTranslationJobStore({ db: stack.db, tableName: env.TRANSLATION_JOBS_TABLE });
  const documents = makeDocumentStore({ db: stack.db, tableName: env.DOCUMENTS_TABLE });
  const tokens = makeTaskTokens({ db: stack.db, tableName: env.TASK_TOKENS_TABLE });
  const uri = (jobId: string) => `https://translations.example.org/${jobId}`;
  return {
    name: 'POST /translation-jobs/{id}/complete',
    routeKey,
    async prepare(count) {
      // The documents submitted so far (by the POST /documents case) wait for translation; more if need be.
      const needed = 2 * count;
      const submitted = Math.max(0, Math.ceil((needed - (await listAll<OpenJob>(stack, who.translator, '/translation-jobs?status=open')).length) / 5));
      await pool(submitted, 4, async () => {
        await submit(stack, who.secretariat);
      });
      // The pipelines open the jobs in the background: wait for them.
      const open = await until(async () => {
        const found = await listAll<OpenJob>(stack, who.translator, '/translation-jobs?status=open');
        return found.length >= needed ? found : undefined;
      }, `${needed} open translation jobs`);
      await stack.settle();
      // Alternate: both sides complete first, middle and last jobs of documents alike.
      open.forEach((job, index) => (index % 2 === 0 ? jobs.subject : jobs.baseline).push(job));
    },
    async subject(index) {
      const job = jobs.subject[index];
      const reply = await stack.request('POST', `/translation-jobs/${job.jobId}/complete`, { token: who.translator, body: { translatedUri: uri(job.jobId) } });
      expectStatus(reply, 200, routeKey);
    },
    async baseline(index) {
      const { jobId } = jobs.baseline[index];
      const at = new Date().toISOString();
      const job = await store.get(jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      const input = { translatedUri: uri(jobId) };
      const closed = await store.transition(jobId, 'open', completeTranslation.to, { translatedUri: input.translatedUri, completedBy: 'bench', updatedAt: at });
      if (!closed) throw new Error(`job ${jobId} was not open`);
      // The document's change and the history event the use case makes of this completion.
      const change = completeTranslation.documentChange?.(closed, input, undefined);
      if (change) await documents.changeDocument(job.documentId, { ...change, at });
      const { key, ...event } = completeTranslation.event(closed, input, { subject: 'bench', roles: [] });
      await documents.recordEvent(job.documentId, key, { at, actor: 'bench', ...event });
      const token = await tokens.tokenOf(tokenOwner.translationJob(jobId));
      if (!token) throw new Error(`no task token for ${jobId}`);
      await stack.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ jobId, translatedUri: uri(jobId) }) }));
      return { dynamo: 5, sfn: 1 };
    },
  };
}

/**
 * 2. Request overhead: p50/p99 at concurrency 1 and 16 through the local HTTP adapter, against
 * the same calls made directly; the calls each request makes, counted.
 */
export async function requestOverhead(ctx: BenchContext): Promise<Figure[]> {
  const plan = ctx.quick ? QUICK : FULL;
  const stack = await BenchStack.start();
  try {
    const who = await actors(stack);
    const account = await accountCases(stack, ctx);
    const byRoute = (routeKey: string) => account.filter((c) => c.routeKey === routeKey);
    // The order of the issue: submission, contribution, translation completion, statement.
    const cases: OverheadCase[] = [submitCase(stack, who), ...byRoute('POST /contributions'), completeCase(stack, who), ...byRoute('GET /donors/{donorId}/statement')];
    const figures: Figure[] = [];
    for (const overhead of cases) figures.push(...(await measureCase(stack, overhead, plan, ctx)));
    return figures;
  } finally {
    await stack.stop();
  }
}

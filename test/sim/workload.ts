import { type Outcome, type SimClient, ok } from './client';
import { CURRENCIES, type ContributionModel, type Currency, SIM_DONORS, type SimModel, money, receivedCents } from './model';

/**
 * The seeded workload: one operation is one client request (with its retries), drawn by weight
 * from what the model and the open work allow. Documentation chain: submissions, job callbacks
 * (duplicate, late, concurrent), failures, editing decisions (revisions), withdrawals, print runs;
 * account: pledges, contributions, confirmations and rejections (racing), adjustments, reports.
 */
export interface Tokens {
  secretariat: string;
  translator: string;
  editor: string;
  printer: string;
  finance: string;
}

/** A finding: something the API did that it must not. */
export interface Finding {
  seed: number;
  operation: string;
  symptom: string;
}

export interface WorkloadContext {
  seed: number;
  client: SimClient;
  model: SimModel;
  tokens: Tokens;
  random: () => number;
  findings: Finding[];
  /** Operation names and how often each ran. */
  ran: Record<string, number>;
  /** Unique per run (keys and symbols). */
  runId: string;
  counter: number;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const LANGS = ['ar', 'zh', 'fr', 'ru', 'es'] as const;

function expectNoServerError(context: WorkloadContext, operation: string, outcome: Outcome): void {
  if (outcome.status === 'lost') context.findings.push({ seed: context.seed, operation, symptom: 'no answer after every retry' });
  else if (outcome.status >= 500) context.findings.push({ seed: context.seed, operation, symptom: `${outcome.status} after every retry: ${JSON.stringify(outcome.body).slice(0, 300)}` });
}

const next = (context: WorkloadContext) => `${context.runId}-${++context.counter}`;

async function listOpen(context: WorkloadContext, route: string, token: string): Promise<Record<string, string>[]> {
  const outcome = await context.client.call('GET', `${route}?status=open&limit=100`, { token });
  expectNoServerError(context, `GET ${route}`, outcome);
  return ok(outcome) ? (outcome.body as { items: Record<string, string>[] }).items : [];
}

type Operation = (context: WorkloadContext) => Promise<void>;

const submitDocument: Operation = async (context) => {
  const key = next(context);
  const targets = LANGS.filter(() => context.random() < 0.4);
  if (targets.length === 0) targets.push(pick(context.random, LANGS));
  const printRun = context.random() < 0.3 ? { copies: 10 + Math.floor(context.random() * 90) } : undefined;
  const body = {
    symbol: `CTOC/SIM/${key}`,
    title: 'Simulated report',
    category: 'pre-session',
    session: { code: 'COSP-1', startsOn: '2027-06-01' },
    originalLanguage: 'en',
    targetLanguages: targets,
    wordCount: 3000,
    origin: 'secretariat',
    sourceUri: `https://documents.example.org/${key}.docx`,
    ...(printRun ? { printRun } : {}),
  };
  const outcome = await context.client.call('POST', '/documents', { token: context.tokens.secretariat, body, idempotencyKey: key });
  expectNoServerError(context, 'POST /documents', outcome);
  if (ok(outcome)) {
    const id = (outcome.body as { id: string }).id;
    context.model.documents.set(id, { id, targets, printRun: printRun?.copies, withdrawn: false });
  } else if (outcome.status !== 'lost' && outcome.status < 500) {
    context.findings.push({ seed: context.seed, operation: 'POST /documents', symptom: `a valid submission refused: ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 300)}` });
  }
};

async function completeJob(context: WorkloadContext, jobId: string, uri: string): Promise<Outcome> {
  context.model.attemptedJobs.add(jobId);
  // Only a withdrawal acknowledged before the callback was sent makes its 200 wrong.
  const documentId = context.model.jobsSeen.get(jobId) ?? '';
  const withdrawnBefore = context.model.documents.get(documentId)?.withdrawn === true;
  const outcome = await context.client.call('POST', `/translation-jobs/${jobId}/complete`, { token: context.tokens.translator, body: { translatedUri: uri } });
  expectNoServerError(context, 'POST /translation-jobs/{jobId}/complete', outcome);
  if (ok(outcome)) {
    if (withdrawnBefore) context.findings.push({ seed: context.seed, operation: 'POST /translation-jobs/{jobId}/complete', symptom: `200 on job ${jobId} of withdrawn document ${documentId}` });
    context.model.completedJobs.set(jobId, uri);
  }
  return outcome;
}

const translate: Operation = async (context) => {
  const jobs = await listOpen(context, '/translation-jobs', context.tokens.translator);
  for (const job of jobs) context.model.jobsSeen.set(job.jobId, job.documentId);
  if (jobs.length === 0) return;
  const job = pick(context.random, jobs);
  const roll = context.random();
  const uri = `https://translations.example.org/${job.jobId}`;
  if (roll < 0.1) {
    await context.client.call('POST', `/translation-jobs/${job.jobId}/fail`, { token: context.tokens.translator, body: { reason: 'translator unavailable' } });
  } else if (roll < 0.25) {
    // Duplicate: the same callback twice at once; both must answer 200.
    const [first, second] = await Promise.all([completeJob(context, job.jobId, uri), completeJob(context, job.jobId, uri)]);
    if (ok(first) !== ok(second) && first.status !== 'lost' && second.status !== 'lost') {
      context.findings.push({ seed: context.seed, operation: 'duplicate completion', symptom: `the same completion of ${job.jobId} answered ${first.status} and ${second.status}` });
    }
  } else if (roll < 0.35) {
    // Concurrent and different: at most one wins.
    const [first, second] = await Promise.all([completeJob(context, job.jobId, uri), completeJob(context, job.jobId, `${uri}-other`)]);
    if (ok(first) && ok(second)) context.findings.push({ seed: context.seed, operation: 'concurrent completions', symptom: `two different completions of ${job.jobId} both answered 2xx` });
  } else {
    await completeJob(context, job.jobId, uri);
  }
};

const lateCallback: Operation = async (context) => {
  const done = [...context.model.completedJobs.entries()];
  if (done.length === 0) return translate(context);
  const [jobId, uri] = pick(context.random, done);
  const same = context.random() < 0.5;
  const outcome = await context.client.call('POST', `/translation-jobs/${jobId}/complete`, { token: context.tokens.translator, body: { translatedUri: same ? uri : `${uri}-late` } });
  expectNoServerError(context, 'late completion', outcome);
  if (!same && ok(outcome)) context.findings.push({ seed: context.seed, operation: 'late completion', symptom: `a different late completion of ${jobId} answered ${outcome.status}` });
};

const callbackOnWithdrawn: Operation = async (context) => {
  const candidates = [...context.model.jobsSeen.entries()].filter(([jobId, documentId]) => context.model.documents.get(documentId)?.withdrawn && !context.model.attemptedJobs.has(jobId));
  if (candidates.length === 0) return translate(context);
  const [jobId] = pick(context.random, candidates);
  await completeJob(context, jobId, `https://translations.example.org/${jobId}-after-withdrawal`);
};

const review: Operation = async (context) => {
  const tasks = await listOpen(context, '/editing-tasks', context.tokens.editor);
  if (tasks.length === 0) return;
  const task = pick(context.random, tasks);
  const decision = context.random() < 0.15 ? 'revise' : 'approve';
  const outcome = await context.client.call('POST', `/editing-tasks/${task.taskId}/decision`, { token: context.tokens.editor, body: { decision, ...(decision === 'revise' ? { comments: 'terminology' } : {}) } });
  expectNoServerError(context, 'POST /editing-tasks/{taskId}/decision', outcome);
  if (ok(outcome)) context.model.decidedTasks.set(task.taskId, decision);
};

const print: Operation = async (context) => {
  const jobs = await listOpen(context, '/print-jobs', context.tokens.printer);
  if (jobs.length === 0) return;
  const job = pick(context.random, jobs);
  const outcome = await context.client.call('POST', `/print-jobs/${job.jobId}/complete`, { token: context.tokens.printer, body: { copiesPrinted: 10 } });
  expectNoServerError(context, 'POST /print-jobs/{jobId}/complete', outcome);
  if (ok(outcome)) context.model.completedPrintJobs.add(job.jobId);
};

const withdraw: Operation = async (context) => {
  const live = [...context.model.documents.values()].filter((document) => !document.withdrawn);
  if (live.length === 0) return submitDocument(context);
  const document = pick(context.random, live);
  const outcome = await context.client.call('POST', `/documents/${document.id}/withdraw`, { token: context.tokens.secretariat, body: { reason: 'simulated withdrawal' } });
  expectNoServerError(context, 'POST /documents/{id}/withdraw', outcome);
  if (ok(outcome)) document.withdrawn = true;
};

const amount = (context: WorkloadContext) => (100 + Math.floor(context.random() * 100_000)) * 100;

const pledge: Operation = async (context) => {
  const key = next(context);
  const currency: Currency = pick(context.random, CURRENCIES);
  const body = { donorId: pick(context.random, SIM_DONORS), amount: money(amount(context)), currency, pledgedOn: '2026-03-02' };
  const outcome = await context.client.call('POST', '/pledges', { token: context.tokens.finance, body, idempotencyKey: key });
  expectNoServerError(context, 'POST /pledges', outcome);
  if (ok(outcome)) {
    const id = (outcome.body as { pledgeId: string }).pledgeId;
    context.model.pledges.set(id, { id, donorId: body.donorId, currency, amount: Math.round(Number(body.amount) * 100) });
  } else if (outcome.status === 'lost' || outcome.status >= 500) {
    context.model.uncertainPledgedUsd.push(currency === 'EUR' ? Math.round(Number(body.amount) * 200) : Math.round(Number(body.amount) * 100));
  }
};

const contribute: Operation = async (context) => {
  const key = next(context);
  const currency: Currency = pick(context.random, CURRENCIES);
  const cents = amount(context);
  const body = { donorId: pick(context.random, SIM_DONORS), amount: money(cents), currency, valueDate: '2026-04-01', reference: `SIM-${key}` };
  const outcome = await context.client.call('POST', '/contributions', { token: context.tokens.finance, body, idempotencyKey: key });
  expectNoServerError(context, 'POST /contributions', outcome);
  if (ok(outcome)) {
    const id = (outcome.body as { contributionId: string }).contributionId;
    context.model.contributions.set(id, { id, donorId: body.donorId, currency, amount: cents, rejected: false, adjustments: [], busy: false, uncertain: false });
  }
};

async function decide(context: WorkloadContext, contribution: ContributionModel, action: 'confirm' | 'reject', received: number): Promise<void> {
  const body = action === 'confirm' ? { receivedAmount: money(received), receivedOn: '2026-05-04' } : { reason: 'not on the bank statement' };
  const outcome = await context.client.call('POST', `/contributions/${contribution.id}/${action}`, { token: context.tokens.finance, body, idempotencyKey: next(context) });
  expectNoServerError(context, `POST /contributions/{id}/${action}`, outcome);
  if (outcome.status === 'lost' || outcome.status >= 500) contribution.uncertain = true;
  if (!ok(outcome)) return;
  if (action === 'confirm') contribution.confirmed ??= { received, receivedOn: '2026-05-04' };
  else contribution.rejected = true;
  if (contribution.confirmed && contribution.rejected) context.model.contradictions.push(`contribution ${contribution.id} both confirmed and rejected with 2xx`);
}

const settle: Operation = async (context) => {
  const waiting = [...context.model.contributions.values()].filter((c) => !c.confirmed && !c.rejected);
  if (waiting.length === 0) return contribute(context);
  const contribution = pick(context.random, waiting);
  const received = context.random() < 0.8 ? contribution.amount : contribution.amount - 100;
  const roll = context.random();
  if (roll < 0.2) await Promise.all([decide(context, contribution, 'confirm', received), decide(context, contribution, 'reject', received), decide(context, contribution, 'confirm', received)]);
  else if (roll < 0.35) await decide(context, contribution, 'reject', received);
  else await decide(context, contribution, 'confirm', received);
};

const adjust: Operation = async (context) => {
  const candidates = [...context.model.contributions.values()].filter((c) => c.confirmed && !c.rejected && !c.busy && receivedCents(c) > 400);
  if (candidates.length === 0) return settle(context);
  const contribution = pick(context.random, candidates);
  const reverse = context.random() < 0.15;
  const current = receivedCents(contribution);
  const delta = Math.floor(context.random() * (current / 4)) * (context.random() < 0.7 ? -1 : 1) || -100;
  const body = { target: { contributionId: contribution.id }, ...(reverse ? { reverse: true } : { amountDelta: money(delta) }), reason: 'bank charges' };
  contribution.busy = true;
  const outcome = await context.client.call('POST', '/adjustments', { token: context.tokens.finance, body, idempotencyKey: next(context) });
  contribution.busy = false;
  expectNoServerError(context, 'POST /adjustments', outcome);
  if (outcome.status === 'lost' || outcome.status >= 500) contribution.uncertain = true;
  if (ok(outcome)) contribution.adjustments.push(reverse ? { reverse: true } : { delta });
};

const readReports: Operation = async (context) => {
  const outcome = context.random() < 0.5
    ? await context.client.call('GET', '/account/summary', { token: context.tokens.finance })
    : await context.client.call('GET', `/donors/${pick(context.random, SIM_DONORS)}/statement`, { token: context.tokens.finance });
  expectNoServerError(context, 'reports', outcome);
};

export const OPERATIONS: [string, number, Operation][] = [
  ['submit', 8, submitDocument],
  ['translate', 22, translate],
  ['late-callback', 4, lateCallback],
  ['callback-on-withdrawn', 2, callbackOnWithdrawn],
  ['review', 14, review],
  ['print', 4, print],
  ['withdraw', 3, withdraw],
  ['pledge', 6, pledge],
  ['contribute', 12, contribute],
  ['settle', 12, settle],
  ['adjust', 6, adjust],
  ['reports', 3, readReports],
];
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, [, weight]) => sum + weight, 0);

/** Draws the next operation by weight. */
export function drawOperation(random: () => number): [string, Operation] {
  let roll = random() * TOTAL_WEIGHT;
  for (const [name, weight, operation] of OPERATIONS) {
    roll -= weight;
    if (roll < 0) return [name, operation];
  }
  return [OPERATIONS[0][0], OPERATIONS[0][2]];
}

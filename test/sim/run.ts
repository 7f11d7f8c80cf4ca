import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { FAULT_STATS_PATH } from '../../local/faults/proxy';
import { type FaultCounts, seededRandom } from '../../local/faults/plan';
import { loadStack } from '../../local/template';
import { LocalStack, eventually } from '../support/stack';
import { WebhookReceiver, selfSignedCertificate } from '../support/webhook-receiver';
import { SimClient, ok } from './client';
import { callbackViolations, documentViolations, moneyViolations, orphanViolations, receiptViolations } from './invariants';
import { EUR_RATE, SIM_DONORS, SimModel } from './model';
import { type Finding, type Tokens, type WorkloadContext, drawOperation } from './workload';

/**
 * One simulated run: the embedded stack as a child process with the fault layer on
 * (FAULTS=seed:rate), a seeded workload through its HTTP API in concurrent rounds, SIGKILLs of
 * the whole stack at seeded points (restarted on the same DATA_DIR), then the invariants.
 * Replay a run with its seed: `SEED=<seed> npm run soak`.
 */
export interface SimOptions {
  seed: number;
  operations: number;
  faultRate: number;
  kills: number;
  /** Most operations in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface SimResult {
  seed: number;
  operations: number;
  byOperation: Record<string, number>;
  requests: number;
  retries: number;
  kills: number;
  faults: { calls: number; faulted: number; byKind: Record<string, number> };
  webhook: { deliveries: number; faulted: number };
  violations: string[];
  findings: Finding[];
  /** Orphans left once the workload stopped; violations only where the template has a reconciler. */
  orphans: string[];
  reconciler: boolean;
  serverErrorSamples: string[];
  model: { documents: number; contributions: number; pledges: number; withdrawn: number };
  seconds: number;
}

const ROOT = path.join(__dirname, '..', '..');

/** Does the synthesized template schedule a reconciler (issue 9, item 2)? */
export function hasReconciler(): boolean {
  if (!existsSync(path.join(ROOT, 'cdk.out'))) return false;
  const model = loadStack(path.join(ROOT, 'cdk.out'), 'UnodcSecretariat');
  return model.functions.some((fn) => /reconcil/i.test(fn.name));
}

async function faultCounts(stack: LocalStack): Promise<FaultCounts[]> {
  const urls = stack.output.join('').split('\n').flatMap((line) => /^faults-(?:dynamodb|stepfunctions): (\S+)/.exec(line)?.[1] ?? []);
  return Promise.all(urls.map(async (url) => (await (await fetch(`${url}${FAULT_STATS_PATH}`)).json()) as FaultCounts));
}

export async function runSimulation(options: SimOptions): Promise<SimResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const reconciler = hasReconciler();
  const tls = selfSignedCertificate();
  const receiver = await WebhookReceiver.start(tls);
  // The translation service behind the webhook fails too: throttled, down, or slow to answer.
  const webhookFaults = seededRandom(options.seed ^ 0x5eed);
  const webhook = { deliveries: 0, faulted: 0 };
  receiver.answer = () => {
    webhook.deliveries += 1;
    if (webhookFaults() >= options.faultRate) return { status: 200 };
    webhook.faulted += 1;
    return { status: webhookFaults() < 0.5 ? 429 : 503 };
  };
  const env = {
    FAULTS: `${options.seed}:${options.faultRate}`,
    TRANSLATION_WEBHOOK_URL: `${receiver.origin}/jobs`,
    TRANSLATION_WEBHOOK_RETRY_SECONDS: '0',
    NODE_EXTRA_CA_CERTS: tls.certFile,
    LOCAL_SCHEDULE_INTERVAL_MS: '2000',
  };
  let stack = await LocalStack.start({ env });
  log(`  stack up in ${Math.round((Date.now() - started) / 1000)} s`);
  const totals = { calls: 0, faulted: 0, byKind: {} as Record<string, number> };
  const addCounts = (counts: FaultCounts[]) => {
    for (const count of counts) {
      totals.calls += count.calls;
      totals.faulted += count.faulted;
      for (const [kind, n] of Object.entries(count.byKind)) totals.byKind[kind] = (totals.byKind[kind] ?? 0) + n;
    }
  };
  const client = new SimClient();
  client.online(stack.url);
  const [secretariat, translator, editor, printer, finance] = await Promise.all(['secretariat', 'translator', 'editor', 'printer', 'finance'].map((role) => stack.token(role)));
  const tokens: Tokens = { secretariat, translator, editor, printer, finance };

  // The rates and donors every operation needs, set up through the same faulty API.
  for (let month = 1; month <= 12; month++) {
    const outcome = await client.call('PUT', `/exchange-rates/2026-${String(month).padStart(2, '0')}`, { token: finance, body: { rates: { EUR: EUR_RATE } } });
    if (!ok(outcome)) throw new Error(`rates: ${String(outcome.status)} ${JSON.stringify(outcome.body)}`);
  }
  for (const donorId of SIM_DONORS) {
    const outcome = await client.call('POST', '/donors', { token: finance, body: { donorId, name: `Donor ${donorId}`, type: 'member-state' }, idempotencyKey: `donor-${donorId}` });
    if (!ok(outcome)) throw new Error(`donor: ${String(outcome.status)} ${JSON.stringify(outcome.body)}`);
  }

  const context: WorkloadContext = { seed: options.seed, client, model: new SimModel(), tokens, random, findings: [], ran: {}, runId: `s${options.seed}-${started.toString(36)}`, counter: 0 };
  const killAt = new Set(Array.from({ length: options.kills }, (_, index) => Math.floor(((index + 0.3 + random() * 0.5) * options.operations) / (options.kills + 0.5))));
  let done = 0;
  let kills = 0;
  const restart = async () => {
    addCounts(await faultCounts(stack).catch(() => []));
    client.offline();
    await stack.stop('SIGKILL');
    kills += 1;
    stack = await LocalStack.start({ env, dataDir: stack.dataDir });
    client.online(stack.url);
    log(`  killed and restarted the stack (${kills}) at operation ${done}`);
  };
  while (done < options.operations) {
    const size = Math.min(options.operations - done, 1 + Math.floor(random() * (options.concurrency ?? 6)));
    const round = Array.from({ length: size }, () => drawOperation(random));
    const first = done;
    done += size;
    const kill = [...killAt].some((at) => at >= first && at < done);
    // A kill lands while the round's requests are in flight, at a seeded moment.
    const killer = kill ? new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400))).then(restart) : Promise.resolve();
    await Promise.all([...round.map(([name, operation]) => {
      context.ran[name] = (context.ran[name] ?? 0) + 1;
      return operation(context);
    }), killer]);
    if (done % 500 < size) log(`  ${done} operations, ${context.findings.length} findings`);
  }

  log(`  workload done in ${Math.round((Date.now() - started) / 1000)} s`);
  // The invariants: the work left in flight has to settle first (documents between two steps).
  const violations: string[] = [];
  violations.push(...(await moneyViolations(client, tokens, context.model)));
  violations.push(...(await receiptViolations(client, tokens)));
  let documentProblems: string[] = [];
  try {
    await eventually(async () => {
      documentProblems = await documentViolations(stack, client, tokens, context.model);
      return documentProblems.length === 0 ? true : undefined;
    }, 'documents to agree with their work', 20_000);
  } catch {
    violations.push(...documentProblems);
  }
  violations.push(...(await callbackViolations(client, tokens, context.model)));
  const orphans = await orphanViolations(stack, client, tokens);
  if (reconciler) violations.push(...orphans);

  log(`  invariants checked in ${Math.round((Date.now() - started) / 1000)} s`);
  addCounts(await faultCounts(stack));
  await stack.stop();
  await receiver.close();
  const model = context.model;
  return {
    seed: options.seed,
    operations: done,
    byOperation: context.ran,
    requests: client.counts.requests,
    retries: client.counts.retries,
    kills,
    faults: totals,
    webhook,
    violations,
    findings: context.findings,
    orphans,
    reconciler,
    serverErrorSamples: client.serverErrorSamples,
    model: { documents: model.documents.size, contributions: model.contributions.size, pledges: model.pledges.size, withdrawn: [...model.documents.values()].filter((d) => d.withdrawn).length },
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

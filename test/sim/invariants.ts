import { DescribeExecutionCommand, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { intakeArn } from '../support/account';
import type { LocalStack } from '../support/stack';
import { executionArn, stepFunctions } from '../support/workflow';
import { type SimClient, ok } from './client';
import { SIM_DONORS, type SimModel, cents, money, receivedCents, usdCents } from './model';
import type { Tokens } from './workload';

/**
 * The invariants a run must keep, checked against the model once the workload has stopped:
 * money, receipts, documents against their work and executions, orphans, and every 2xx the
 * clients saw. Each returns the violations it found, in words.
 */
type Item = Record<string, unknown>;

async function listAll(client: SimClient, route: string, token: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const separator = route.includes('?') ? '&' : '?';
    const outcome = await client.call('GET', `${route}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (!ok(outcome)) throw new Error(`GET ${route}: ${String(outcome.status)}`);
    const page = outcome.body as { items: Item[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function executionState(stack: LocalStack, arn: string): Promise<string> {
  try {
    return (await stepFunctions(stack).send(new DescribeExecutionCommand({ executionArn: arn }))).status ?? 'unknown';
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'none';
    throw error;
  }
}

export async function moneyViolations(client: SimClient, tokens: Tokens, model: SimModel): Promise<string[]> {
  const violations = [...model.contradictions];
  const contributions = await listAll(client, '/contributions', tokens.finance);
  const byId = new Map(contributions.map((c) => [String(c.contributionId), c]));
  let expectedReceivedUsd = 0;
  for (const expected of model.contributions.values()) {
    const found = byId.get(expected.id);
    if (!found) {
      violations.push(`contribution ${expected.id} was acknowledged (201) but is not listed`);
      continue;
    }
    if (expected.uncertain) {
      // Which of its decisions held is unknown to the client: the data says, and the totals follow it.
      expectedReceivedUsd += found.status === 'received' ? cents(typeof found.amountUsd === 'string' ? found.amountUsd : '0') : 0;
      continue;
    }
    const value = usdCents(receivedCents(expected), expected.currency);
    expectedReceivedUsd += value;
    const wanted = expected.confirmed && !expected.rejected ? 'received' : expected.rejected ? 'rejected' : undefined;
    if (wanted && found.status !== wanted) violations.push(`contribution ${expected.id}: ${wanted} was acknowledged, the data says ${String(found.status)}`);
    if (wanted === 'received') {
      if (found.amountUsd !== money(value)) violations.push(`contribution ${expected.id}: amountUsd ${String(found.amountUsd)}, the acknowledged calls make ${money(value)}`);
      const adjustments = (found.adjustments as unknown[] | undefined)?.length ?? 0;
      if (adjustments !== expected.adjustments.length) violations.push(`contribution ${expected.id}: ${adjustments} adjustments stored, ${expected.adjustments.length} acknowledged`);
    }
  }
  // A received contribution the model never saw confirmed is money created.
  for (const found of contributions) {
    const expected = model.contributions.get(String(found.contributionId));
    if (found.status === 'received' && !expected?.confirmed && !expected?.uncertain) {
      violations.push(`contribution ${String(found.contributionId)} is received, no confirmation of it was acknowledged`);
    }
  }
  // The ledger (statements) and the records (lists) must tell the same story of each contribution.
  for (const donorId of SIM_DONORS) {
    const statement = await client.call('GET', `/donors/${donorId}/statement`, { token: tokens.finance });
    if (!ok(statement)) continue;
    for (const entry of (statement.body as { contributions: Item[] }).contributions) {
      const listed = byId.get(String(entry.contributionId));
      if (!listed || listed.status !== entry.status || listed.amountUsd !== entry.amountUsd) {
        violations.push(`contribution ${String(entry.contributionId)}: the statement says ${String(entry.status)} ${String(entry.amountUsd)}, the record ${String(listed?.status)} ${String(listed?.amountUsd)}`);
      }
    }
  }
  const summary = await client.call('GET', '/account/summary', { token: tokens.finance });
  if (!ok(summary)) return [...violations, `GET /account/summary answered ${String(summary.status)}`];
  const totals = summary.body as { receivedUsd: string; pledgedUsd: string };
  const listedReceivedUsd = contributions.filter((c) => c.status === 'received').reduce((sum, c) => sum + cents(typeof c.amountUsd === 'string' ? c.amountUsd : '0'), 0);
  if (cents(totals.receivedUsd) !== listedReceivedUsd) violations.push(`summary receivedUsd ${totals.receivedUsd}, the received contributions listed add up to ${money(listedReceivedUsd)}`);
  if (cents(totals.receivedUsd) !== expectedReceivedUsd) violations.push(`summary receivedUsd ${totals.receivedUsd}, the acknowledged calls make ${money(expectedReceivedUsd)}`);
  const pledged = [...model.pledges.values()].reduce((sum, p) => sum + usdCents(p.amount, p.currency), 0);
  const uncertain = model.uncertainPledgedUsd.reduce((sum, value) => sum + value, 0);
  const stored = cents(totals.pledgedUsd);
  if (stored < pledged || stored > pledged + uncertain) violations.push(`summary pledgedUsd ${totals.pledgedUsd}, the acknowledged pledges make ${money(pledged)} (+ at most ${money(uncertain)} unanswered)`);
  return violations;
}

export async function receiptViolations(client: SimClient, tokens: Tokens): Promise<string[]> {
  const violations: string[] = [];
  const contributions = await listAll(client, '/contributions', tokens.finance);
  const byYear = new Map<string, number[]>();
  for (const c of contributions) {
    const receipt = c.receipt as { number: string } | undefined;
    if (c.status === 'received' && !receipt) violations.push(`contribution ${String(c.contributionId)} is received without a receipt`);
    if (c.status !== 'received' && receipt) violations.push(`contribution ${String(c.contributionId)} is ${String(c.status)} with receipt ${receipt.number}`);
    if (!receipt) continue;
    const [, year, sequence] = receipt.number.split('/');
    byYear.set(year, [...(byYear.get(year) ?? []), Number(sequence)]);
  }
  for (const [year, numbers] of byYear) {
    numbers.sort((a, b) => a - b);
    numbers.forEach((n, index) => {
      if (n !== index + 1) violations.push(`receipts of ${year} are not 1..${numbers.length} consecutive: position ${index + 1} holds ${n}`);
    });
  }
  return [...new Set(violations)].slice(0, 50);
}

const FINAL = ['completed', 'withdrawn', 'failed'];

/** Every document in a state its open work and its execution agree with. */
export async function documentViolations(stack: LocalStack, client: SimClient, tokens: Tokens, model: SimModel): Promise<string[]> {
  const violations: string[] = [];
  const [jobs, tasks, prints] = await Promise.all([
    listAll(client, '/translation-jobs?status=open', tokens.translator),
    listAll(client, '/editing-tasks?status=open', tokens.editor),
    listAll(client, '/print-jobs?status=open', tokens.printer),
  ]);
  const openFor = (items: Item[], documentId: string, language?: string) =>
    items.filter((item) => item.documentId === documentId && (language === undefined || (item.targetLanguage ?? item.language) === language)).length;
  for (const expected of model.documents.values()) {
    const outcome = await client.call('GET', `/documents/${expected.id}`, { token: tokens.secretariat });
    if (!ok(outcome)) {
      violations.push(`document ${expected.id} was acknowledged (201) but reads ${String(outcome.status)}`);
      continue;
    }
    const document = outcome.body as { status: string; languages: Partial<Record<string, { status: string }>> };
    if (expected.withdrawn && document.status !== 'withdrawn') violations.push(`document ${expected.id}: withdrawal acknowledged, status ${document.status}`);
    const execution = await executionState(stack, executionArn(expected.id));
    const open = openFor(jobs, expected.id) + openFor(tasks, expected.id) + openFor(prints, expected.id);
    if (FINAL.includes(document.status) || document.status === 'published') {
      if (open > 0) violations.push(`document ${expected.id} is ${document.status} with ${open} open work items`);
      if (FINAL.includes(document.status) && execution === 'RUNNING') violations.push(`document ${expected.id} is ${document.status}, its execution still RUNNING`);
      continue;
    }
    if (execution !== 'RUNNING') violations.push(`document ${expected.id} is ${document.status}, its execution is ${execution}`);
    if (document.status === 'printing') {
      if (openFor(prints, expected.id) !== 1 || openFor(jobs, expected.id) + openFor(tasks, expected.id) > 0) violations.push(`document ${expected.id} is printing with ${open} open items`);
      continue;
    }
    // Translation of every language first (one open job each), then review (one open task each).
    const reviewing = document.status === 'in-editing';
    const requested = expected.targets.filter((language) => document.languages[language]?.status === 'translation-requested');
    if (!reviewing && requested.length === 0) violations.push(`document ${expected.id} is in-translation with every language translated`);
    for (const language of expected.targets) {
      const status = document.languages[language]?.status;
      const wantJobs = status === 'translation-requested' ? 1 : 0;
      const wantTasks = reviewing && status === 'translated' ? 1 : 0;
      const [haveJobs, haveTasks] = [openFor(jobs, expected.id, language), openFor(tasks, expected.id, language)];
      if (haveJobs !== wantJobs || haveTasks !== wantTasks) violations.push(`document ${expected.id} (${document.status}) ${language} is ${String(status)} with ${haveJobs} open jobs and ${haveTasks} open tasks`);
    }
  }
  return violations;
}

/** Every callback that answered 2xx shows in its item. */
export async function callbackViolations(client: SimClient, tokens: Tokens, model: SimModel): Promise<string[]> {
  const violations: string[] = [];
  for (const [jobId, uri] of model.completedJobs) {
    const outcome = await client.call('GET', `/translation-jobs/${jobId}`, { token: tokens.translator });
    const job = outcome.body as { status?: string; translatedUri?: string; reason?: string; attempt?: number; round?: number } | undefined;
    if (!ok(outcome) || job?.status !== 'completed' || job.translatedUri !== uri) {
      // The reason says which path closed it (a refusal, an expiry, the translator's failure).
      violations.push(`job ${jobId}: completion with ${uri} answered 200, the job reads ${String(outcome.status)} ${job?.status ?? ''} ${job?.translatedUri ?? ''} (round ${String(job?.round)}, attempt ${String(job?.attempt)}${job?.reason ? `, ${job.reason}` : ''})`);
    }
  }
  const decided = new Map((await listAll(client, '/editing-tasks?status=completed', tokens.editor)).map((task) => [String(task.taskId), task]));
  for (const [taskId, decision] of model.decidedTasks) {
    if (decided.get(taskId)?.decision !== decision) violations.push(`task ${taskId}: decision ${decision} answered 200, the task reads ${JSON.stringify(decided.get(taskId)?.decision ?? 'not completed')}`);
  }
  const printed = new Set((await listAll(client, '/print-jobs?status=completed', tokens.printer)).map((job) => String(job.jobId)));
  for (const jobId of model.completedPrintJobs) if (!printed.has(jobId)) violations.push(`print job ${jobId}: completion answered 200, the job is not completed`);
  return violations;
}

/** What the reconciler must leave behind: no reported contribution without its intake running. */
export async function orphanViolations(stack: LocalStack, client: SimClient, tokens: Tokens): Promise<string[]> {
  const violations: string[] = [];
  for (const contribution of await listAll(client, '/contributions?status=reported', tokens.finance)) {
    const id = String(contribution.contributionId);
    const state = await executionState(stack, `${intakeArn.replace(':stateMachine:', ':execution:')}:${id}`);
    if (state !== 'RUNNING') violations.push(`contribution ${id} is reported, its intake is ${state}`);
  }
  return violations;
}

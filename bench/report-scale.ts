import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryItems } from '../functions/shared/aws/pages';
import { AccountClient, eurRate, months } from './account';
import type { BenchContext } from './lib/context';
import { type Figure, figure, median } from './lib/figures';
import { expectStatus, pool } from './lib/load';
import type { ItemCounts } from './lib/protocol';
import { BenchStack } from './lib/stack';

interface Sizes {
  donors: number;
  firstYear: number;
  years: number;
  statements: number;
  summaries: number;
  /** Requests whose items are counted one at a time. */
  counted: number;
}

// 200 donors × 10 years × 8 entries (2 pledges, 3 contributions reported and confirmed) = 16,000 entries.
const FULL: Sizes = { donors: 200, firstYear: 2015, years: 10, statements: 50, summaries: 10, counted: 5 };
const QUICK: Sizes = { donors: 3, firstYear: 2023, years: 2, statements: 3, summaries: 2, counted: 1 };
const ENTRIES_PER_DONOR_YEAR = 8;
const FLOOR_TABLE = 'BenchReportFloor';

type Entry = Record<string, unknown>;

/** A deterministic pseudo-random sequence (the same picks in every run). */
function picker(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/**
 * Seeds one donor's year through the HTTP API, in the order a finance office would: two pledges
 * (one in EUR with two installments, one in USD), three contributions (two towards the pledges,
 * one not) and their confirmations. Returns the ledger entries this made, as the floor stores them.
 */
async function seedDonorYear(client: AccountClient, donorId: string, index: number, year: number): Promise<Entry[]> {
  const entries: Entry[] = [];
  const meta = () => ({ entryId: randomUUID(), recordedAt: new Date().toISOString(), recordedBy: 'local-finance', donorId });
  const euros = 100_000 + (index % 50) * 2_000;
  const half = (euros / 2).toFixed(2);
  const earmark = ['workshops', 'travel', undefined][index % 3];
  const pledgeA = { donorId, amount: euros.toFixed(2), currency: 'EUR', pledgedOn: `${year}-02-10`, ...(earmark && { earmark }), installments: [{ dueOn: `${year}-04-30`, amount: half }, { dueOn: `${year}-10-31`, amount: half }] };
  const a = await client.pledge(pledgeA);
  entries.push({ kind: 'pledge-recorded', ...meta(), ...pledgeA, pledgeId: a.pledgeId, amountUsd: a.amountUsd, rate: a.rate });
  const pledgeB = { donorId, amount: '50000.00', currency: 'USD', pledgedOn: `${year}-06-15`, installments: [] };
  const b = await client.pledge({ donorId, amount: pledgeB.amount, currency: 'USD', pledgedOn: pledgeB.pledgedOn });
  entries.push({ kind: 'pledge-recorded', ...meta(), ...pledgeB, pledgeId: b.pledgeId, amountUsd: b.amountUsd, rate: b.rate });
  const payments = [
    { report: { donorId, amount: half, currency: 'EUR', valueDate: `${year}-05-02`, reference: `${donorId}-${year}-1`, pledgeId: a.pledgeId }, receivedOn: `${year}-05-04` },
    { report: { donorId, amount: '50000.00', currency: 'USD', valueDate: `${year}-07-01`, reference: `${donorId}-${year}-2`, pledgeId: b.pledgeId }, receivedOn: `${year}-07-03` },
    { report: { donorId, amount: '10000.00', currency: 'EUR', valueDate: `${year}-11-10`, reference: `${donorId}-${year}-3` }, receivedOn: `${year}-11-12` },
  ];
  const reported: string[] = [];
  for (const payment of payments) {
    const contribution = await client.report(payment.report);
    reported.push(contribution.contributionId);
    entries.push({ kind: 'contribution-reported', ...meta(), ...payment.report, contributionId: contribution.contributionId });
  }
  for (const [i, payment] of payments.entries()) {
    const confirmed = await client.confirm(reported[i], payment.report.amount, payment.receivedOn);
    entries.push({
      kind: 'contribution-confirmed',
      ...meta(),
      contributionId: reported[i],
      receivedAmount: payment.report.amount,
      receivedOn: payment.receivedOn,
      amountUsd: confirmed.amountUsd,
      rate: confirmed.rate,
      receipt: confirmed.receipt,
    });
  }
  return entries;
}

/**
 * The floor's table: the same entries, keyed so that one Query fetches exactly what a report
 * needs: a donor's entries of a year (`donor#<id>`, `<year>#<n>`), or a year's (`year#<y>`, `<donor>#<n>`).
 */
async function writeFloor(stack: BenchStack, byDonorYear: Map<string, Entry[]>): Promise<void> {
  await stack.dynamo.send(
    new CreateTableCommand({
      TableName: FLOOR_TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const items: Record<string, unknown>[] = [];
  for (const [key, entries] of byDonorYear) {
    const [donorId, year] = key.split('|');
    entries.forEach((entry, n) => {
      const seq = String(n).padStart(3, '0');
      items.push({ pk: `donor#${donorId}`, sk: `${year}#${seq}`, entry }, { pk: `year#${year}`, sk: `${donorId}#${seq}`, entry });
    });
  }
  const batches = Math.ceil(items.length / 25);
  await pool(batches, 8, async (b) => {
    let requests = items.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const { UnprocessedItems } = await stack.db.send(new BatchWriteCommand({ RequestItems: { [FLOOR_TABLE]: requests } }));
      requests = (UnprocessedItems?.[FLOOR_TABLE] ?? []) as typeof requests;
    }
  });
}

async function floorQuery(stack: BenchStack, pk: string, skPrefix?: string): Promise<number> {
  const items = await queryItems(stack.db, {
    TableName: FLOOR_TABLE,
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
  });
  return items.length;
}

const describeItems = (counts: ItemCounts) =>
  Object.entries(counts.byOperation)
    .map(([op, { requests, items }]) => `${op}×${requests}: ${items}`)
    .join(', ');

/**
 * 4. Report scale: an account with years of activity from many donors, seeded through HTTP;
 * the p50 of a donor's yearly statement and of the yearly summary against raw queries that
 * fetch exactly the entries each needs, and the items each reads (counted at DynamoDB).
 */
export async function reportScale(ctx: BenchContext): Promise<Figure[]> {
  const sizes = ctx.quick ? QUICK : FULL;
  const stack = await BenchStack.start();
  try {
    const client = new AccountClient(stack, await stack.token('finance'));
    await stack.calls(true);
    const started = Date.now();
    const years = Array.from({ length: sizes.years }, (_, i) => sizes.firstYear + i);
    const donors = Array.from({ length: sizes.donors }, (_, i) => `D${String(i + 1).padStart(3, '0')}`);
    const allMonths = months(years[0], years.at(-1) as number);
    await pool(allMonths.length, 8, (i) => client.setRates(allMonths[i], { EUR: eurRate(allMonths[i]) }));
    await pool(donors.length, 8, (i) => client.addDonor(donors[i], i));
    const byDonorYear = new Map<string, Entry[]>();
    const work = donors.flatMap((donorId, index) => years.map((year) => ({ donorId, index, year })));
    await pool(work.length, 16, async (i) => {
      const { donorId, index, year } = work[i];
      byDonorYear.set(`${donorId}|${year}`, await seedDonorYear(client, donorId, index, year));
    });
    const entries = work.length * ENTRIES_PER_DONOR_YEAR;
    ctx.log(`  seeded ${entries} entries (${donors.length} donors × ${years.length} years) through HTTP in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await writeFloor(stack, byDonorYear);
    await stack.settle();

    const finance = await stack.token('finance');
    const pick = picker(56);
    const timeStatements = { subject: [] as number[], baseline: [] as number[] };
    const timeSummaries = { subject: [] as number[], baseline: [] as number[] };
    const statement = async (donorId: string, year: number) => {
      const reply = await stack.request('GET', `/donors/${donorId}/statement?year=${year}`, { token: finance });
      expectStatus(reply, 200, 'GET /donors/{id}/statement');
    };
    const summary = async (year: number) => {
      const reply = await stack.request('GET', `/account/summary?year=${year}`, { token: finance });
      expectStatus(reply, 200, 'GET /account/summary');
    };
    const timed = async (run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      return performance.now() - start;
    };
    // Warm-up: the functions' cold starts, not measured.
    await statement(donors[0], years[0]);
    await summary(years[0]);
    await floorQuery(stack, `donor#${donors[0]}`, `${years[0]}#`);
    for (let i = 0; i < sizes.statements; i++) {
      const donorId = donors[pick(donors.length)];
      const year = years[pick(years.length)];
      const subject = () => timed(() => statement(donorId, year));
      const baseline = () => timed(() => floorQuery(stack, `donor#${donorId}`, `${year}#`));
      if (i % 2 === 0) {
        timeStatements.subject.push(await subject());
        timeStatements.baseline.push(await baseline());
      } else {
        timeStatements.baseline.push(await baseline());
        timeStatements.subject.push(await subject());
      }
    }
    for (let i = 0; i < sizes.summaries; i++) {
      const year = years[pick(years.length)];
      const subject = () => timed(() => summary(year));
      const baseline = () => timed(() => floorQuery(stack, `year#${year}`));
      if (i % 2 === 0) {
        timeSummaries.subject.push(await subject());
        timeSummaries.baseline.push(await baseline());
      } else {
        timeSummaries.baseline.push(await baseline());
        timeSummaries.subject.push(await subject());
      }
    }

    // Items read, one request at a time, counted where DynamoDB answers.
    const countItems = async (run: () => Promise<unknown>) => {
      await stack.settle();
      await stack.items(true);
      await run();
      return stack.items(false);
    };
    const statementItems: ItemCounts[] = [];
    const statementFloor: number[] = [];
    for (let i = 0; i < sizes.counted; i++) {
      const donorId = donors[pick(donors.length)];
      const year = years[pick(years.length)];
      statementItems.push(await countItems(() => statement(donorId, year)));
      statementFloor.push(await floorQuery(stack, `donor#${donorId}`, `${year}#`));
    }
    const year = years[pick(years.length)];
    const summaryItems = await countItems(() => summary(year));
    const summaryFloor = await floorQuery(stack, `year#${year}`);
    const calls = await stack.calls(true);
    const scans = Object.values(calls.functions).reduce((sum, fn) => sum + (fn.ops['dynamodb:Scan'] ?? 0), 0);

    // A statement reads the donor's entries of that year and nothing else: its Query items are exactly the floor's.
    const entriesRead = (counts: ItemCounts) => counts.items - ((counts.byOperation.GetItem as ItemCounts['byOperation'][string] | undefined)?.items ?? 0);
    const worst = statementItems.reduce((most, counts, i) => (entriesRead(counts) - statementFloor[i] > entriesRead(most.counts) - most.floor ? { counts, floor: statementFloor[i] } : most), {
      counts: statementItems[0],
      floor: statementFloor[0],
    });
    return [
      figure({ name: 'report: statement p50', value: median(timeStatements.subject), baseline: median(timeStatements.baseline), target: ctx.quick ? null : 1.5, unit: 'ms', runs: timeStatements.subject.length, note: `${entries} entries, ${donors.length} donors × ${years.length} years; baseline: one Query of the donor's entries of the year` }),
      figure({ name: 'report: summary p50', value: median(timeSummaries.subject), baseline: median(timeSummaries.baseline), target: ctx.quick ? null : 1.5, unit: 'ms', runs: timeSummaries.subject.length, note: "baseline: one Query (paged) of the year's entries" }),
      figure({
        name: 'report: statement ledger items read',
        value: entriesRead(worst.counts),
        baseline: worst.floor,
        limit: ctx.quick ? null : worst.floor,
        unit: 'items',
        runs: statementItems.length,
        note: `the most read by one of ${statementItems.length} statements, besides the donor record; ${describeItems(worst.counts)}`,
      }),
      figure({ name: 'report: summary items read', value: summaryItems.items, baseline: summaryFloor, unit: 'items', runs: 1, note: describeItems(summaryItems) }),
      figure({ name: 'report: Scan requests in request paths', value: scans, limit: ctx.quick ? null : 0, unit: 'requests', runs: calls.invocations, note: 'every invocation of this benchmark (seeding included)' }),
    ];
  } finally {
    await stack.stop();
  }
}

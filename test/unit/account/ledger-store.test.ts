import { type Ledger, type LedgerEntry, confirmContribution, donorStatement, recordPledge, reportContribution } from '../../../functions/account/core';
import { type LedgerAccess, makeLedgerAccess } from '../../../functions/account/app/ledger';
import type { LedgerStore } from '../../../functions/account/adapters/ledger-store';
import { startAccountTables } from '../../support/account-dynamo';

/**
 * Where ledger entries are stored and what a report reads (dynalite, the template's table):
 * a statement of a donor and year reads that donor's bucket of the year and the entries placed
 * in the year from other buckets, nothing else; the yearly summary reads the year's buckets of
 * every donor and the entries placed in the year.
 */
let stopTables: () => Promise<void>;
let app: LedgerAccess;
let store: LedgerStore;
let n = 0;
const meta = () => ({ entryId: `E${String(++n).padStart(2, '0')}`, recordedAt: '2026-01-10T10:00:00.000Z', recordedBy: 'finance-1' });
const ids = (entries: LedgerEntry[]) => [...new Set(entries.map((entry) => entry.entryId))].sort();

/** What each step appended, by name, to say which entries a read should return. */
const appended: Record<string, string> = {};

async function append(name: string, donorId: string, year: number, build: (ledger: Ledger) => LedgerEntry): Promise<void> {
  const { entry } = await app.append({ donorId, year }, build);
  appended[name] = entry.entryId;
}

const pledge = (pledgeId: string, donorId: string, pledgedOn: string, amount: string) => (ledger: Ledger) =>
  recordPledge(ledger, { pledgeId, donorId, amount, currency: 'USD', pledgedOn }, meta(), undefined);
const report = (contributionId: string, donorId: string, valueDate: string, amount: string, pledgeId?: string) => (ledger: Ledger) =>
  reportContribution(ledger, { contributionId, donorId, amount, currency: 'USD', valueDate, reference: contributionId, ...(pledgeId && { pledgeId }) }, meta());
const confirm = (contributionId: string, receivedAmount: string, receivedOn: string) => (ledger: Ledger) =>
  confirmContribution(ledger, contributionId, { receivedAmount, receivedOn, receipt: { number: `R-${contributionId}`, issuedAt: '2026-01-10T10:00:00.000Z' } }, meta(), undefined);

beforeAll(async () => {
  const account = await startAccountTables();
  stopTables = account.stop;
  app = makeLedgerAccess(account.stores);
  store = account.stores.ledger;

  // Donor A: a 2025 pledge paid partly in 2025... and the rest only in January 2026.
  await append('A-P25', 'A', 2025, pledge('A-P25', 'A', '2025-03-01', '1000.00'));
  await append('A-C1 reported', 'A', 2025, report('A-C1', 'A', '2025-12-20', '400.00', 'A-P25'));
  await append('A-C1 received', 'A', 2025, confirm('A-C1', '400.00', '2026-01-03'));
  await append('A-C3 reported', 'A', 2025, report('A-C3', 'A', '2025-05-01', '100.00', 'A-P25'));
  await append('A-C3 received', 'A', 2025, confirm('A-C3', '100.00', '2025-05-02'));
  // ...a December 2024 transfer, without pledge, received in January 2025...
  await append('A-C2 reported', 'A', 2024, report('A-C2', 'A', '2024-12-30', '50.00'));
  await append('A-C2 received', 'A', 2024, confirm('A-C2', '50.00', '2025-01-02'));
  // ...and a 2024 pledge.
  await append('A-P24', 'A', 2024, pledge('A-P24', 'A', '2024-06-01', '300.00'));
  // Donor B: a 2025 pledge.
  await append('B-P25', 'B', 2025, pledge('B-P25', 'B', '2025-02-01', '700.00'));
});

afterAll(() => stopTables());

const of = (...names: string[]) => names.map((name) => appended[name]).sort();

test("a donor's statement of a year reads its bucket of the year and the entries placed in it, nothing else", async () => {
  const entries = await store.readDonorEntries('A', 2025);
  // The confirmation of A-C2 (received in 2025) carries its report along.
  expect(ids(entries)).toEqual(of('A-P25', 'A-C1 reported', 'A-C1 received', 'A-C3 reported', 'A-C3 received', 'A-C2 reported', 'A-C2 received'));
  expect(entries).toHaveLength(7);
  // Outstanding of the 2025 pledge counts the January 2026 payment; received counts 2025's receipts.
  expect(donorStatement(entries, 'A', { year: 2025, today: '2026-02-01' })).toMatchObject({ pledgedUsd: '1000.00', receivedUsd: '150.00', outstandingUsd: '500.00' });
});

test('the next year reads only the payments received in it, with what they need to be counted', async () => {
  const entries = await store.readDonorEntries('A', 2026);
  // A-C1's confirmation carries its report and its pledge (for the earmark): three entries, one item.
  expect(ids(entries)).toEqual(of('A-P25', 'A-C1 reported', 'A-C1 received'));
  expect(donorStatement(entries, 'A', { year: 2026, today: '2026-02-01' })).toMatchObject({ pledgedUsd: '0.00', receivedUsd: '400.00', outstandingUsd: '0.00', pledges: [] });
});

test('the previous year does not count a payment received after it', async () => {
  const entries = await store.readDonorEntries('A', 2024);
  expect(ids(entries)).toEqual(of('A-C2 reported', 'A-C2 received', 'A-P24'));
  expect(donorStatement(entries, 'A', { year: 2024, today: '2026-02-01' })).toMatchObject({ pledgedUsd: '300.00', receivedUsd: '0.00', contributions: [] });
});

test("the summary of a year reads every donor's bucket of the year and the entries placed in it", async () => {
  expect(ids(await store.readAccountEntries(2025))).toEqual(of('A-P25', 'A-C1 reported', 'A-C1 received', 'A-C3 reported', 'A-C3 received', 'A-C2 reported', 'A-C2 received', 'B-P25'));
  expect(ids(await store.readAccountEntries(2026))).toEqual(of('A-P25', 'A-C1 reported', 'A-C1 received'));
  expect(ids(await store.readAccountEntries())).toEqual(Object.values(appended).sort());
});

test('an entry appended on a stale read loses the race and is checked again on the fresh bucket', async () => {
  // Two reports of the same contribution race: the second finds the first and is a replay.
  const build = report('B-C1', 'B', '2025-04-01', '700.00', 'B-P25');
  const [first, second] = await Promise.all([app.append({ donorId: 'B', year: 2025 }, build), app.append({ donorId: 'B', year: 2025 }, build)]);
  expect([first.replay, second.replay].sort()).toEqual([false, true]);
  expect((await store.snapshot({ donorId: 'B', year: 2025 })).entries.filter((entry) => entry.kind === 'contribution-reported')).toHaveLength(1);
});

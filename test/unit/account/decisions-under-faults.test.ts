import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeAccountStores } from '../../../functions/account/adapters/account-stores';
import { makeAdjust } from '../../../functions/account/app/adjustments';
import { makeContributions } from '../../../functions/account/app/contributions';
import { makeIntakeWait } from '../../../functions/account/app/intake-outcome';
import { makeReports } from '../../../functions/account/app/reports';
import { LedgerConflict } from '../../../functions/account/core';
import type { Caller } from '../../../functions/shared/roles';
import { type AccountTables, startAccountTables } from '../../support/account-dynamo';
import { memoryTaskTokens, memoryWorkflow } from '../documents/in-memory-ports';
import { memoryIntake } from './in-memory-ports';

/**
 * Decisions on contributions, and adjustments, when a write commits and its answer is lost (the
 * SDK asks again and meets its own write) or the function dies right after a write: whatever
 * was interrupted, the ledger alone decides what may follow, the next request on the record
 * finishes the work (receipt, views, the intake's wait), and the lists and the summary agree
 * with the ledger. Over the template's Account table on dynalite, with the real stores.
 */
const NOW = new Date('2026-05-04T09:00:00.000Z');
const finance: Caller = { subject: 'finance-1', roles: ['finance'] };

/** What happens to one DynamoDB write: answered, answer lost (asked again), or the function dies before or after it. */
type Fate = 'answered' | 'lost' | 'dies-before' | 'dies-after';

class FunctionDied extends Error {
  override name = 'FunctionDied';
}

let tables: AccountTables;
/** Decides the fate of each write; reset before each test. */
let fateOf: (command: PutCommand) => Fate = () => 'answered';

/** The table's client, with the fault plan in front of its puts. */
function faultyClient(db: DynamoDBDocumentClient): DynamoDBDocumentClient {
  const send = async (command: Parameters<DynamoDBDocumentClient['send']>[0]): Promise<unknown> => {
    const fate = command instanceof PutCommand ? fateOf(command) : 'answered';
    if (fate === 'dies-before') throw new FunctionDied('the function died before this write');
    if (fate === 'answered') return db.send(command);
    await db.send(command);
    if (fate === 'dies-after') throw new FunctionDied('the function died after this write committed');
    // The answer was lost: the SDK retries the same write, which now meets the item it wrote.
    return db.send(command);
  };
  return new Proxy(db, { get: (target, property) => (property === 'send' ? send : (Reflect.get(target, property) as unknown)) });
}

/** The first put matching `match` gets `fate`; every other write is answered. */
function once(fate: Fate, match: (item: Record<string, unknown>) => boolean): void {
  let spent = false;
  fateOf = (command) => {
    if (spent || !match(command.input.Item ?? {})) return 'answered';
    spent = true;
    return fate;
  };
}

const sk = (item: Record<string, unknown>) => String(item.sk);
const isReservation = (item: Record<string, unknown>) => sk(item).startsWith('receipt#');
const isReceiptClaim = (item: Record<string, unknown>) => String(item.pk).startsWith('receipts#');
const isLedgerEntry = (kind: string) => (item: Record<string, unknown>) => item.kind === 'entry' && (item.entry as { kind?: string } | undefined)?.kind === kind;
const isView = (item: Record<string, unknown>) => sk(item) === 'record' && item.view !== undefined;

let donor = 0;

async function account() {
  const stores = makeAccountStores({ db: faultyClient(tables.db), tableName: tables.tables.account });
  const donorId = `D${++donor}`;
  await stores.donors.register({ donorId, name: `Donor ${donorId}`, type: 'member-state', registeredAt: NOW.toISOString(), registeredBy: 'finance-1' });
  const workflow = memoryWorkflow();
  const tokens = memoryTaskTokens();
  const clock = () => NOW;
  const contributions = makeContributions({ stores, intake: memoryIntake(), wait: makeIntakeWait({ stores, tokens, workflow }), clock });
  const listed = async () => (await contributions.findContributions(finance, { donorId }, 100, undefined)).items;
  const entries = async () => (await stores.ledger.readDonorEntries(donorId)).map((entry) => entry.kind);
  return { donorId, stores, tokens, workflow, contributions, listed, entries, adjust: makeAdjust({ stores, clock }) };
}

/** The summary's received total for one donor, from the ledger. */
async function receivedInLedger(stores: ReturnType<typeof makeAccountStores>, donorId: string): Promise<string> {
  const summary = await makeReports({ stores, reportingOrgRef: undefined }).summary(undefined);
  return summary.byDonor.find((totals) => totals.donorId === donorId)?.receivedUsd ?? '0.00';
}

beforeAll(async () => {
  tables = await startAccountTables();
});
afterAll(() => tables.stop());
beforeEach(() => {
  fateOf = () => 'answered';
});

const confirmation = { receivedAmount: '1000.00', receivedOn: '2026-05-04' };

async function reported(a: Awaited<ReturnType<typeof account>>, reference: string) {
  return a.contributions.report(finance, { donorId: a.donorId, amount: '1000.00', currency: 'USD', valueDate: '2026-04-01', reference }, `key-${a.donorId}-${reference}`);
}

describe('a confirmation', () => {
  test('whose receipt reservation commits and loses its answer is answered with its receipt, not a conflict', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R1');
    once('lost', isReservation);
    const confirmed = await a.contributions.confirm(finance, contributionId, confirmation);
    expect(confirmed).toMatchObject({ status: 'received', amountUsd: '1000.00', receipt: { number: expect.stringMatching(/^A56\/2026\/\d{4}$/) } });
    expect(await a.listed()).toEqual([confirmed]);
    expect(await receivedInLedger(a.stores, a.donorId)).toBe('1000.00');
  });

  test('that died after reserving its receipt is finished by its replay: the same confirmation, one receipt', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R2');
    once('dies-after', isReservation);
    await expect(a.contributions.confirm(finance, contributionId, confirmation)).rejects.toThrow(FunctionDied);
    // The ledger has the confirmation; the record still shows it reported until the work is finished.
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed']);

    const replayed = await a.contributions.confirm(finance, contributionId, confirmation);
    expect(replayed).toMatchObject({ status: 'received', receipt: { number: expect.any(String) } });
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed', 'receipt-issued']);
    expect(await a.listed()).toEqual([replayed]);
  });

  test('that died after claiming its number is finished by its replay with that number: no number skipped', async () => {
    const a = await account();
    const before = await a.contributions.confirm(finance, (await reported(a, 'R3a')).contributionId, confirmation);
    const { contributionId } = await reported(a, 'R3');
    once('dies-after', isReceiptClaim);
    await expect(a.contributions.confirm(finance, contributionId, confirmation)).rejects.toThrow(FunctionDied);
    const replayed = await a.contributions.confirm(finance, contributionId, confirmation);
    const after = await a.contributions.confirm(finance, (await reported(a, 'R3b')).contributionId, confirmation);
    expect([before, replayed, after].map((c) => receiptSeq(c.receipt?.number) - receiptSeq(before.receipt?.number))).toEqual([0, 1, 2]);
  });

  test('whose number claim commits and loses its answer keeps that number: no number skipped', async () => {
    const a = await account();
    const before = await a.contributions.confirm(finance, (await reported(a, 'R5a')).contributionId, confirmation);
    const { contributionId } = await reported(a, 'R5');
    once('lost', isReceiptClaim);
    const confirmed = await a.contributions.confirm(finance, contributionId, confirmation);
    const after = await a.contributions.confirm(finance, (await reported(a, 'R5b')).contributionId, confirmation);
    expect([before, confirmed, after].map((c) => receiptSeq(c.receipt?.number) - receiptSeq(before.receipt?.number))).toEqual([0, 1, 2]);
  });

  test('that died before its views were stored: a racing rejection is refused by the ledger and finishes the confirmation', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R7');
    await a.tokens.save(`contribution#${contributionId}`, 'intake-token', NOW.toISOString());
    once('dies-before', isReservation);
    await expect(a.contributions.confirm(finance, contributionId, confirmation)).rejects.toThrow(FunctionDied);
    expect((await a.listed())[0]).toMatchObject({ status: 'reported' });

    await expect(a.contributions.reject(finance, contributionId, 'not on the bank statement')).rejects.toThrow(LedgerConflict);
    // One decision in the ledger, the record tells it, with its receipt, and the intake heard of it.
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed', 'receipt-issued']);
    const [view] = await a.listed();
    expect(view).toMatchObject({ status: 'received', amountUsd: '1000.00', receipt: { number: expect.any(String) } });
    expect(a.workflow.resumed).toEqual([{ taskToken: 'intake-token', output: { contributionId, status: 'received', receipt: view.receipt?.number } }]);
    expect(await receivedInLedger(a.stores, a.donorId)).toBe('1000.00');
    // A second confirmation (another request, another amount) is refused too, and changes nothing.
    await expect(a.contributions.confirm(finance, contributionId, { ...confirmation, receivedAmount: '999.00' })).rejects.toThrow(LedgerConflict);
    expect(await a.listed()).toEqual([view]);
  });

  test('that died before its views were stored: a confirmation racing it answers the one receipt', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R8');
    once('dies-before', isView);
    await expect(a.contributions.confirm(finance, contributionId, confirmation)).rejects.toThrow(FunctionDied);
    const again = await a.contributions.confirm(finance, contributionId, confirmation);
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed', 'receipt-issued']);
    expect(await a.listed()).toEqual([again]);
  });
});

describe('a rejection', () => {
  test('that died before its views were stored: a racing confirmation is refused and the record shows the rejection', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R9');
    once('dies-before', isView);
    await expect(a.contributions.reject(finance, contributionId, 'not on the bank statement')).rejects.toThrow(FunctionDied);
    await expect(a.contributions.confirm(finance, contributionId, confirmation)).rejects.toThrow(LedgerConflict);
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-rejected']);
    expect(await a.listed()).toEqual([expect.objectContaining({ status: 'rejected' })]);
    expect(await receivedInLedger(a.stores, a.donorId)).toBe('0.00');
  });
});

describe('an adjustment', () => {
  test('a reversal whose entry commits and loses its answer is answered as reversed, once', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R10');
    await a.contributions.confirm(finance, contributionId, confirmation);
    once('lost', isLedgerEntry('adjustment'));
    const reversed = await a.adjust(finance, { target: { contributionId }, reverse: true, reason: 'returned to the donor' }, `key-${a.donorId}-reversal`);
    expect(reversed).toMatchObject({ amountDelta: '-1000.00', contribution: { receivedAmount: '0.00', amountUsd: '0.00' } });
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed', 'receipt-issued', 'adjustment']);
    expect((await a.listed())[0]).toMatchObject({ receivedAmount: '0.00', amountUsd: '0.00' });
    expect(await receivedInLedger(a.stores, a.donorId)).toBe('0.00');
  });

  test('a reversal that died before its views were stored is finished by its replay', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R11');
    await a.contributions.confirm(finance, contributionId, confirmation);
    once('dies-before', isView);
    const request = { target: { contributionId }, reverse: true as const, reason: 'returned to the donor' };
    await expect(a.adjust(finance, request, `key-${a.donorId}-reversal`)).rejects.toThrow(FunctionDied);
    const replayed = await a.adjust(finance, request, `key-${a.donorId}-reversal`);
    expect(replayed).toMatchObject({ amountDelta: '-1000.00', contribution: { amountUsd: '0.00' } });
    expect((await a.listed())[0]).toMatchObject({ amountUsd: '0.00', adjustments: [expect.objectContaining({ amountDelta: '-1000.00' })] });
    // The same key with another request is not a replay.
    await expect(a.adjust(finance, { ...request, reason: 'another reason' }, `key-${a.donorId}-reversal`)).rejects.toThrow(LedgerConflict);
  });

  test('a delta that died before its views were stored is finished by its replay, at the USD value it was recorded with', async () => {
    const a = await account();
    const { contributionId } = await reported(a, 'R12');
    await a.contributions.confirm(finance, contributionId, confirmation);
    once('dies-before', isView);
    const request = { target: { contributionId }, amountDelta: '-12.34', reason: 'bank charges' };
    await expect(a.adjust(finance, request, `key-${a.donorId}-charges`)).rejects.toThrow(FunctionDied);
    const replayed = await a.adjust(finance, request, `key-${a.donorId}-charges`);
    expect(replayed).toMatchObject({ amountDelta: '-12.34', amountUsdDelta: '-12.34', contribution: { amountUsd: '987.66' } });
    expect(await a.entries()).toEqual(['contribution-reported', 'contribution-confirmed', 'receipt-issued', 'adjustment']);
    expect(await receivedInLedger(a.stores, a.donorId)).toBe('987.66');
  });
});

function receiptSeq(number: string | undefined): number {
  return Number(String(number).split('/')[2]);
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { rejectContribution, reportContribution as report } from '../../../functions/account/core';
import { makeAwaitConfirmation } from '../../../functions/account/app/intake';
import { makeIntakeWait } from '../../../functions/account/app/intake-outcome';
import { makeRemindFinance } from '../../../functions/account/app/intake-reminder';
import { type LedgerAccess, makeLedgerAccess } from '../../../functions/account/app/ledger';
import { type AccountTables, startAccountTables } from '../../support/account-dynamo';
import { memoryWorkflow } from '../documents/in-memory-ports';

/**
 * The intake workflow's steps against DynamoDB (dynalite, in memory, with the template's
 * tables): the reminder path cannot be waited for end to end (its period is days, set at
 * synthesis), so the step that raises it is run here as the state machine runs it, and the
 * definition is checked in test/infra/account-stack.test.ts.
 */
let account: AccountTables;
/** The steps' clock: the time the engine runs them at. */
let now = new Date('2026-03-01T09:00:00.000Z');
const clock = () => now;
let entries = 0;
const meta = (day: number) => ({ entryId: `E${++entries}`, recordedAt: `2026-02-0${day}T10:00:00.000Z`, recordedBy: 'donor-1' });

beforeAll(async () => {
  account = await startAccountTables();
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await account?.stop();
});

const remindFinance = (input: { contributionId: string; round: number }) => makeRemindFinance({ stores: account.stores, clock })(input);
const awaitConfirmation = (input: { contributionId: string; round: number; taskToken: string }) =>
  makeAwaitConfirmation({ stores: account.stores, wait: makeIntakeWait({ stores: account.stores, tokens: account.tokens, workflow: memoryWorkflow() }), clock })(input);
const append: LedgerAccess['append'] = (...args) => makeLedgerAccess(account.stores).append(...args);

const bucket = { donorId: 'NL', year: 2026 };

async function reportContribution(contributionId: string): Promise<void> {
  await account.stores.records.claimLocator({ recordType: 'contribution', id: contributionId, ...bucket });
  const input = { contributionId, donorId: 'NL', amount: '5000.00', currency: 'EUR', valueDate: '2026-02-02', reference: 'NL-77' };
  await append(bucket, (entries) => report(entries, input, meta(2)));
}

test('an unconfirmed contribution raises one reminder per period, with what finance needs to find the payment', async () => {
  await reportContribution('C-late');
  expect(await remindFinance({ contributionId: 'C-late', round: 1 })).toEqual({ stillWaiting: true, raised: true });
  // The engine may run the step again (a retry, a restart): nothing new is raised.
  expect(await remindFinance({ contributionId: 'C-late', round: 1 })).toEqual({ stillWaiting: true, raised: false });
  now = new Date('2026-03-08T09:00:00.000Z');
  expect(await remindFinance({ contributionId: 'C-late', round: 2 })).toEqual({ stillWaiting: true, raised: true });
  now = new Date('2026-03-01T09:00:00.000Z');

  const { items } = await account.stores.reminders.list('unconfirmed-contribution', 10, undefined);
  expect(items).toEqual([
    expect.objectContaining({ reminderId: 'contribution#C-late#2', round: 2, raisedAt: '2026-03-08T09:00:00.000Z' }),
    {
      reminderId: 'contribution#C-late#1',
      type: 'unconfirmed-contribution',
      donorId: 'NL',
      contributionId: 'C-late',
      amount: '5000.00',
      currency: 'EUR',
      round: 1,
      raisedAt: '2026-03-01T09:00:00.000Z',
      message: 'Contribution C-late of NL (5000.00 EUR, value date 2026-02-02, reference NL-77) is still waiting for confirmation against the bank statement (reminder 1)',
    },
  ]);
  expect((await account.stores.reminders.list('overdue-installment', 10, undefined)).items).toEqual([]);
});

test('a contribution decided meanwhile raises no reminder and ends the wait', async () => {
  await reportContribution('C-decided');
  await append(bucket, (entries) => rejectContribution(entries, 'C-decided', 'not on the bank statement', meta(3)));
  expect(await remindFinance({ contributionId: 'C-decided', round: 1 })).toEqual({ stillWaiting: false, raised: false });
  const { items } = await account.stores.reminders.list(undefined, 100, undefined);
  expect(items.filter((reminder) => reminder.contributionId === 'C-decided')).toEqual([]);
});

test('opening the wait keeps the task token for the decision to close it', async () => {
  await reportContribution('C-waiting');
  expect(await awaitConfirmation({ contributionId: 'C-waiting', round: 1, taskToken: 'token-round-1' })).toEqual({ waiting: true });
  const { Item } = await account.db.send(new GetCommand({ TableName: account.tables.taskTokens, Key: { owner: 'contribution#C-waiting' } }));
  expect(Item).toMatchObject({ taskToken: 'token-round-1' });
});

test('a step for an unknown contribution fails (the workflow is only started for recorded ones)', async () => {
  await expect(remindFinance({ contributionId: 'nobody', round: 1 })).rejects.toThrow('No contribution nobody');
});

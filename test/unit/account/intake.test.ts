import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { rejectContribution, reportContribution as report } from '../../../functions/account/core';
import { startAccountTables } from '../../support/account-dynamo';

/**
 * The intake workflow's steps against DynamoDB (dynalite, in memory, with the template's
 * tables): the reminder path cannot be waited for end to end (its period is days, set at
 * synthesis), so the step that raises it is run here as the state machine runs it, and the
 * definition is checked in test/infra/account-stack.test.ts.
 */
type Intake = typeof import('../../../functions/account/app/intake-reminder');
type Wait = typeof import('../../../functions/account/app/intake');
type Reminders = typeof import('../../../functions/account/adapters/reminders');
type Ledger = typeof import('../../../functions/account/adapters/ledger-store');
type Records = typeof import('../../../functions/account/adapters/records');
type Dynamo = typeof import('../../../functions/shared/aws/dynamo');

let stopTables: () => Promise<void>;
let intake: Intake;
let wait: Wait;
let reminders: Reminders;
let ledger: Ledger;
let records: Records;
let db: Dynamo['db'];
let tokensTable: string;

const now = new Date('2026-03-01T09:00:00.000Z');
let entries = 0;
const meta = (day: number) => ({ entryId: `E${++entries}`, recordedAt: `2026-02-0${day}T10:00:00.000Z`, recordedBy: 'donor-1' });

beforeAll(async () => {
  const started = await startAccountTables();
  stopTables = started.stop;
  tokensTable = started.tables.taskTokens;
  // The modules read their configuration when loaded, as at a cold start.
  intake = await import('../../../functions/account/app/intake-reminder');
  wait = await import('../../../functions/account/app/intake');
  reminders = await import('../../../functions/account/adapters/reminders');
  ledger = await import('../../../functions/account/adapters/ledger-store');
  records = await import('../../../functions/account/adapters/records');
  db = (await import('../../../functions/shared/aws/dynamo')).db;
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  db?.destroy();
  await stopTables();
});

const bucket = { donorId: 'NL', year: 2026 };
const noPlacement = () => ({ alsoYears: [], context: [] });

async function reportContribution(contributionId: string): Promise<void> {
  await records.claimLocator({ recordType: 'contribution', id: contributionId, ...bucket });
  const input = { contributionId, donorId: 'NL', amount: '5000.00', currency: 'EUR', valueDate: '2026-02-02', reference: 'NL-77' };
  await ledger.appendToBucket(bucket, (entries) => report(entries, input, meta(2)), noPlacement);
}

test('an unconfirmed contribution raises one reminder per period, with what finance needs to find the payment', async () => {
  await reportContribution('C-late');
  expect(await intake.remindFinance({ contributionId: 'C-late', round: 1 }, now)).toEqual({ stillWaiting: true, raised: true });
  // The engine may run the step again (a retry, a restart): nothing new is raised.
  expect(await intake.remindFinance({ contributionId: 'C-late', round: 1 }, now)).toEqual({ stillWaiting: true, raised: false });
  expect(await intake.remindFinance({ contributionId: 'C-late', round: 2 }, new Date('2026-03-08T09:00:00.000Z'))).toEqual({ stillWaiting: true, raised: true });

  const { items } = await reminders.listReminders('unconfirmed-contribution', 10, undefined);
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
  expect((await reminders.listReminders('overdue-installment', 10, undefined)).items).toEqual([]);
});

test('a contribution decided meanwhile raises no reminder and ends the wait', async () => {
  await reportContribution('C-decided');
  await ledger.appendToBucket(bucket, (entries) => rejectContribution(entries, 'C-decided', 'not on the bank statement', meta(3)), noPlacement);
  expect(await intake.remindFinance({ contributionId: 'C-decided', round: 1 }, now)).toEqual({ stillWaiting: false, raised: false });
  const { items } = await reminders.listReminders(undefined, 100, undefined);
  expect(items.filter((reminder) => reminder.contributionId === 'C-decided')).toEqual([]);
});

test('opening the wait keeps the task token for the decision to close it', async () => {
  await reportContribution('C-waiting');
  expect(await wait.awaitConfirmation({ contributionId: 'C-waiting', round: 1, taskToken: 'token-round-1' }, now)).toEqual({ waiting: true });
  const { Item } = await db.send(new GetCommand({ TableName: tokensTable, Key: { owner: 'contribution#C-waiting' } }));
  expect(Item).toMatchObject({ taskToken: 'token-round-1' });
});

test('a step for an unknown contribution fails (the workflow is only started for recorded ones)', async () => {
  await expect(intake.remindFinance({ contributionId: 'nobody', round: 1 }, now)).rejects.toThrow('No contribution nobody');
});

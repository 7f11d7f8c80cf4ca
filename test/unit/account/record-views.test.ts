import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ContributionView } from '../../../functions/account/core';
import { type AccountTables, startAccountTables } from '../../support/account-dynamo';

/**
 * A record's stored view (dynalite, the template's table): an older view never replaces a newer
 * one, and a view that reads as the stored one is not written again, so an entry for another
 * record of the bucket, or a refused request finishing a decision already finished, stores
 * nothing (the contract fuzzing found a refused reject rewriting its view).
 */
let account: AccountTables;
const locator = { recordType: 'contribution', id: 'C-1', donorId: 'DE', year: 2027 } as const;
const reported: ContributionView = {
  contributionId: 'C-1', donorId: 'DE', amount: '100.00', currency: 'EUR', valueDate: '2027-01-11', reference: 'R-1', status: 'reported',
  adjustments: [], reportedAt: '2027-01-11T09:00:00.000Z', reportedBy: 'finance-1',
};
const rejected: ContributionView = { ...reported, status: 'rejected', rejectedReason: 'not on the statement' };

const stored = async () => (await account.db.send(new GetCommand({ TableName: account.tables.account, Key: { pk: 'contribution#C-1', sk: 'record' } }))).Item;

beforeAll(async () => {
  account = await startAccountTables();
  await account.stores.records.claimLocator(locator);
});
afterAll(() => account.stop());

test('a newer, different view replaces the stored one; an older one never does', async () => {
  await account.stores.records.saveView(locator, reported, 1);
  await account.stores.records.saveView(locator, rejected, 3);
  await account.stores.records.saveView(locator, reported, 2);
  expect(await stored()).toMatchObject({ version: 3, view: rejected });
});

test('the same view at a newer version (another record of the bucket grew it) is not written again', async () => {
  await account.stores.records.saveView(locator, { ...rejected }, 9);
  expect(await stored()).toMatchObject({ version: 3, view: rejected });
  const { items } = await account.stores.records.listViews('contribution', { status: 'rejected' }, 10, undefined);
  expect(items).toEqual([rejected]);
});

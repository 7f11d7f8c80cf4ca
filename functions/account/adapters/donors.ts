import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import { db } from '../../shared/aws/dynamo';
import { type Page, queryPage } from '../../shared/aws/paging';
import type { DONOR_TYPES } from '../schemas';
import { INDEX, TableName } from './account-table';


export interface Donor {
  donorId: string;
  name: string;
  type: (typeof DONOR_TYPES)[number];
  registeredAt: string;
  registeredBy: string;
}

const key = (donorId: string) => ({ pk: `donor#${donorId}`, sk: 'donor' });

function toDonor(item: Record<string, unknown>): Donor {
  const { donorId, name, type, registeredAt, registeredBy } = item as unknown as Donor;
  return { donorId, name, type, registeredAt, registeredBy };
}

export async function getDonor(donorId: string): Promise<Donor | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: key(donorId) }));
  return Item ? toDonor(Item) : undefined;
}

/** Registers a donor once; returns the stored donor either way. */
export async function registerDonor(donor: Donor): Promise<{ donor: Donor; created: boolean }> {
  const created = await conditionally(() =>
    db.send(new PutCommand({ TableName, Item: { ...key(donor.donorId), ...donor, kind: 'donor', order: donor.donorId }, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
  if (created) return { donor, created };
  const existing = await getDonor(donor.donorId);
  if (!existing) throw new Error(`donor ${donor.donorId} vanished after a conflicting registration`);
  return { donor: existing, created };
}

/** Donors by id. */
export function listDonors(limit: number, cursor: string | undefined): Promise<Page<Donor>> {
  return queryPage({ TableName, IndexName: INDEX.byKind, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': 'donor' } }, limit, cursor, toDonor);
}

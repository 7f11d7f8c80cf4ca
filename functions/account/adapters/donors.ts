import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { type Page, queryPage } from '../../shared/aws/paging';
import type { DONOR_TYPES } from '../schemas';
import { INDEX } from './account-table';

export interface Donor {
  donorId: string;
  name: string;
  type: (typeof DONOR_TYPES)[number];
  registeredAt: string;
  registeredBy: string;
}

/** The registered donors; DynamoDB below, memory in the unit tests. */
export interface DonorStore {
  get(donorId: string): Promise<Donor | undefined>;
  /** Registers a donor once; returns the stored donor either way. */
  register(donor: Donor): Promise<{ donor: Donor; created: boolean }>;
  /** Donors by id. */
  list(limit: number, cursor: string | undefined): Promise<Page<Donor>>;
}

const key = (donorId: string) => ({ pk: `donor#${donorId}`, sk: 'donor' });

function toDonor(item: Record<string, unknown>): Donor {
  const { donorId, name, type, registeredAt, registeredBy } = item as unknown as Donor;
  return { donorId, name, type, registeredAt, registeredBy };
}

export function makeDonorStore({ db, tableName: TableName }: StoreOptions): DonorStore {
  async function get(donorId: string): Promise<Donor | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: key(donorId) }));
    return Item ? toDonor(Item) : undefined;
  }

  return {
    get,
    async register(donor) {
      const created = await conditionally(() =>
        db.send(new PutCommand({ TableName, Item: { ...key(donor.donorId), ...donor, kind: 'donor', order: donor.donorId }, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (created) return { donor, created };
      const existing = await get(donor.donorId);
      if (!existing) throw new Error(`donor ${donor.donorId} vanished after a conflicting registration`);
      return { donor: existing, created };
    },
    list: (limit, cursor) =>
      queryPage({ TableName, IndexName: INDEX.byKind, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': 'donor' } }, limit, cursor, toDonor, db),
  };
}

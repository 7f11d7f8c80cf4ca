import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { type Page, queryPage } from '../../shared/aws/paging';
import { Conflict } from '../../shared/errors';
import type { ContributionView, PledgeView } from '../core';
import { INDEX } from './account-table';
import type { Bucket } from './ledger-store';

/**
 * One item per pledge or contribution (`pledge#<id>` / `contribution#<id>`, sk `record`):
 * first a locator, written before the record's first entry, so that any later request finds
 * the record's home bucket with one strongly consistent GetItem; then, after every append, the
 * record's current view, which the lists read through the indexes. The view is a cache of the
 * ledger: no rule or figure is ever taken from it, and every write carries the bucket's
 * length as `version`, so an older view never overwrites a newer one. A view that reads as the
 * stored one (its `viewHash`) is not written again: an entry for another record of the bucket
 * changes nothing here, and a refused request that finishes a decision already finished
 * stores nothing. Until the first view is
 * written the item has no index keys, so a record whose first entry never made it (a crash,
 * a refused entry) is never listed.
 */
export type RecordType = 'pledge' | 'contribution';

export interface Locator extends Bucket {
  recordType: RecordType;
  id: string;
}

export type ViewOf<T extends RecordType> = T extends 'pledge' ? PledgeView : ContributionView;

const key = (recordType: RecordType, id: string) => ({ pk: `${recordType}#${id}`, sk: 'record' });

/** Index keys of a view: lists by donor, by status (open pledges by next due installment), all. */
function indexKeys(recordType: RecordType, id: string, view: PledgeView | ContributionView, nextDueOn: string | undefined) {
  const order = `${'pledgedOn' in view ? view.pledgedOn : view.valueDate}#${id}`;
  return {
    kind: recordType,
    order,
    owner: `${recordType}#${view.donorId}`,
    status: view.status,
    statusKey: `${recordType}#${view.status}`,
    statusOrder: recordType === 'pledge' && view.status === 'open' ? `${nextDueOn ?? '9999-12-31'}#${order}` : order,
  };
}

export interface ListFilter {
  donorId?: string;
  status?: string;
}

/** Where each pledge and contribution lives, and its current view; DynamoDB below, memory in the unit tests. */
export interface RecordStore {
  locate(recordType: RecordType, id: string): Promise<Locator | undefined>;
  /** Writes the locator unless the record has one; the same id placed elsewhere is a conflict. */
  claimLocator(locator: Locator): Promise<void>;
  /** Stores the view computed from a bucket of `version` entries, unless a newer one is stored. */
  saveView<T extends RecordType>(locator: Locator & { recordType: T }, view: ViewOf<T>, version: number, nextDueOn?: string): Promise<void>;
  /** Views of one kind, newest first: by donor (and status), by status, or all. */
  listViews<T extends RecordType>(recordType: T, filter: ListFilter, limit: number, cursor: string | undefined): Promise<Page<ViewOf<T>>>;
  /** Open pledges whose next uncovered installment fell due before `today` (the overdue job's candidates). */
  pledgesWithInstallmentsDueBefore(today: string, limit: number, cursor?: string): Promise<Page<Locator>>;
}

/** The view as stored, and the index key it sets, in a few bytes: views are built field by field in one order. */
const hashOf = (view: unknown, nextDueOn: string | undefined): string => createHash('sha256').update(JSON.stringify([view, nextDueOn ?? null])).digest('base64url');

export function makeRecordStore({ db, tableName: TableName }: StoreOptions): RecordStore {
  async function locate(recordType: RecordType, id: string): Promise<Locator | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: key(recordType, id), ConsistentRead: true }));
    return Item ? { recordType, id, donorId: String(Item.donorId), year: Number(Item.homeYear) } : undefined;
  }

  return {
    locate,

    async claimLocator({ recordType, id, donorId, year }) {
      const written = await conditionally(() =>
        db.send(new PutCommand({ TableName, Item: { ...key(recordType, id), donorId, homeYear: year }, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (written) return;
      const existing = await locate(recordType, id);
      if (!existing || existing.donorId !== donorId || existing.year !== year) {
        throw new Conflict(`${recordType} ${id} already exists with other data`);
      }
    },

    async saveView({ recordType, id, donorId, year }, view, version, nextDueOn) {
      await conditionally(() =>
        db.send(
          new PutCommand({
            TableName,
            Item: { ...key(recordType, id), donorId, homeYear: year, version, view, viewHash: hashOf(view, nextDueOn), ...indexKeys(recordType, id, view, nextDueOn) },
            // Maps are not compared by value in a condition (dynalite never finds two equal): their hash is.
            ConditionExpression: 'attribute_not_exists(version) OR (version < :version AND (attribute_not_exists(viewHash) OR viewHash <> :hash))',
            ExpressionAttributeValues: { ':version': version, ':hash': hashOf(view, nextDueOn) },
          }),
        ),
      );
    },

    listViews<T extends RecordType>(recordType: T, filter: ListFilter, limit: number, cursor: string | undefined): Promise<Page<ViewOf<T>>> {
      const view = (item: Record<string, unknown>) => item.view as ViewOf<T>;
      const base = { TableName, ScanIndexForward: false } as const;
      if (filter.donorId !== undefined) {
        return queryPage(
          {
            ...base,
            IndexName: INDEX.byOwner,
            KeyConditionExpression: '#owner = :owner',
            ...(filter.status !== undefined && { FilterExpression: '#status = :status' }),
            ExpressionAttributeNames: { '#owner': 'owner', ...(filter.status !== undefined && { '#status': 'status' }) },
            ExpressionAttributeValues: { ':owner': `${recordType}#${filter.donorId}`, ...(filter.status !== undefined && { ':status': filter.status }) },
          },
          limit,
          cursor,
          view,
          db,
        );
      }
      if (filter.status !== undefined) {
        return queryPage(
          { ...base, IndexName: INDEX.byStatus, KeyConditionExpression: 'statusKey = :key', ExpressionAttributeValues: { ':key': `${recordType}#${filter.status}` } },
          limit,
          cursor,
          view,
          db,
        );
      }
      return queryPage({ ...base, IndexName: INDEX.byKind, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': recordType } }, limit, cursor, view, db);
    },

    pledgesWithInstallmentsDueBefore(today, limit, cursor) {
      return queryPage(
        {
          TableName,
          IndexName: INDEX.byStatus,
          KeyConditionExpression: 'statusKey = :key AND statusOrder < :today',
          ExpressionAttributeValues: { ':key': 'pledge#open', ':today': today },
        },
        limit,
        cursor,
        (item) => ({ recordType: 'pledge', id: String(item.pk).slice('pledge#'.length), donorId: String(item.donorId), year: Number(item.homeYear) }),
        db,
      );
    },
  };
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { queryAll } from '../../shared/aws/paging';
import { type LedgerEntry, LedgerEntrySchema, type LedgerState, foldLedger } from '../core';
import { INDEX, seqKey } from './account-table';

/**
 * The ledger, stored in buckets: the entries of one donor for one year, in the partition
 * `ledger#<donorId>` under sort keys `<year>#<seq>`.
 *
 * Every record (pledge, contribution) has a home bucket, and all its entries go there: a
 * pledge's is the year it was pledged; a contribution linked to a pledge lives with its pledge;
 * any other contribution in the year of its value date. So everything a rule of the ledger
 * looks at when an entry is appended (the pledge, the contributions towards it, their
 * decisions) is in one bucket, and a bucket is the unit of optimistic concurrency: an entry is
 * appended with a conditional put on the bucket's next sequence number, and whoever loses the
 * race reads the bucket again and re-checks (no transactions: dynalite has none, and the same
 * code runs in AWS).
 *
 * A bucket also holds everything a report of that donor and year needs about that year's
 * pledges: the contributions received towards them, whatever the year they were received, so
 * outstanding amounts and overdue installments of a year never read other years. The one
 * thing a bucket cannot hold is a contribution counted in a year other than its home year (a
 * payment received in 2028 towards a 2027 pledge counts in 2028's received totals). Such
 * entries carry that year in `alsoYear1`/`alsoYear2`, two sparse indexes: a confirmation can
 * matter to two other years (that of its value date, which it takes the contribution out
 * of, and that of its receipt). A confirmation found that way carries copies of the entries
 * it needs to be read on its own (`context`: the report, and the pledge for its earmark);
 * entries never change, so the copies cannot go stale.
 *
 * Items read: a statement of donor D for year Y reads D's bucket Y plus D's entries placed
 * in Y; the summary of Y reads every bucket of Y plus the entries placed in Y.
 */
export interface Bucket {
  donorId: string;
  year: number;
}

/** Where an entry counts besides its home bucket, and what it carries to be read alone there. */
export interface Placement {
  alsoYears: number[];
  context: LedgerEntry[];
}

export interface Appended extends FoldedBucket {
  entry: LedgerEntry;
  /** The entry was already there (an identical DuplicateEntry): nothing was written. */
  replay: boolean;
}

/** A bucket as read: its entries in the order appended, and the sequence number the next one takes. */
export interface BucketSnapshot {
  entries: LedgerEntry[];
  nextSeq: number;
}

/** A bucket as read, folded once: what its rules and views are computed from in one request. */
export interface FoldedBucket extends BucketSnapshot {
  state: LedgerState;
}

export function folded(read: BucketSnapshot): FoldedBucket {
  return { ...read, state: foldLedger(read.entries) };
}

/** What the use cases ask of the stored ledger; DynamoDB below, memory in the unit tests. */
export interface LedgerStore {
  /** Reads one bucket, strongly consistent (appends are checked against it). */
  snapshot(bucket: Bucket): Promise<BucketSnapshot>;
  /**
   * Writes `entry` as number `seq` of its bucket, placed where else it counts; `false` when
   * that number is taken (someone appended first: read again and re-check).
   */
  putEntry(bucket: Bucket, seq: number, entry: LedgerEntry, placement: Placement): Promise<boolean>;
  /** What a statement of `donorId` needs: its bucket of `year` and its entries placed in `year`; every year without one. */
  readDonorEntries(donorId: string, year?: number): Promise<LedgerEntry[]>;
  /** What the summary and exports need: every bucket of `year` and the entries placed in it; the whole ledger without one. */
  readAccountEntries(year?: number): Promise<LedgerEntry[]>;
}

const partition = (donorId: string) => `ledger#${donorId}`;

/** The entries of items read; `placed` items (read in a year other than their home year) bring their context along. */
function entriesOf(items: Record<string, unknown>[], placed = false): LedgerEntry[] {
  return items.flatMap((item) => [...((placed && (item.context as unknown[] | undefined)) || []), item.entry].map((entry) => LedgerEntrySchema.parse(entry)));
}

export function makeLedgerStore({ db, tableName: TableName }: StoreOptions): LedgerStore {
  const alsoPlaced = (indexName: string, yearAttribute: string, year: number, donorId?: string) =>
    queryAll(
      {
        TableName,
        IndexName: indexName,
        KeyConditionExpression: donorId ? '#year = :year AND begins_with(donorSeq, :donor)' : '#year = :year',
        ExpressionAttributeNames: { '#year': yearAttribute },
        ExpressionAttributeValues: { ':year': String(year), ...(donorId ? { ':donor': `${donorId}#` } : {}) },
      },
      db,
    );

  return {
    async snapshot(bucket) {
      const items = await queryAll(
        {
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
          ExpressionAttributeValues: { ':pk': partition(bucket.donorId), ':year': `${bucket.year}#` },
          ConsistentRead: true,
        },
        db,
      );
      const last = items.at(-1);
      return { entries: entriesOf(items), nextSeq: last ? Number(String(last.sk).split('#')[1]) + 1 : 1 };
    },

    putEntry(bucket, seq, entry, { alsoYears, context }) {
      const [alsoYear1, alsoYear2] = alsoYears.map(String) as [string?, string?];
      const sk = `${bucket.year}#${seqKey(seq)}`;
      const item = {
        pk: partition(bucket.donorId),
        sk,
        kind: 'entry',
        order: `${bucket.year}#${bucket.donorId}#${seqKey(seq)}`,
        donorSeq: `${bucket.donorId}#${sk}`,
        ...(alsoYear1 !== undefined && { alsoYear1 }),
        ...(alsoYear2 !== undefined && { alsoYear2 }),
        entry,
        ...(alsoYears.length > 0 && context.length > 0 && { context }),
      };
      return conditionally(() => db.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
    },

    async readDonorEntries(donorId, year) {
      if (year === undefined) {
        return entriesOf(await queryAll({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition(donorId) } }, db));
      }
      const [home, also1, also2] = await Promise.all([
        queryAll({ TableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)', ExpressionAttributeValues: { ':pk': partition(donorId), ':year': `${year}#` } }, db),
        alsoPlaced(INDEX.alsoInYear1, 'alsoYear1', year, donorId),
        alsoPlaced(INDEX.alsoInYear2, 'alsoYear2', year, donorId),
      ]);
      return [...entriesOf(home), ...entriesOf([...also1, ...also2], true)];
    },

    async readAccountEntries(year) {
      const homed = queryAll(
        {
          TableName,
          IndexName: INDEX.byKind,
          KeyConditionExpression: year === undefined ? 'kind = :kind' : 'kind = :kind AND begins_with(#order, :year)',
          ExpressionAttributeNames: year === undefined ? undefined : { '#order': 'order' },
          ExpressionAttributeValues: { ':kind': 'entry', ...(year === undefined ? {} : { ':year': `${year}#` }) },
        },
        db,
      );
      if (year === undefined) return entriesOf(await homed);
      const [home, also1, also2] = await Promise.all([homed, alsoPlaced(INDEX.alsoInYear1, 'alsoYear1', year), alsoPlaced(INDEX.alsoInYear2, 'alsoYear2', year)]);
      return [...entriesOf(home), ...entriesOf([...also1, ...also2], true)];
    },
  };
}

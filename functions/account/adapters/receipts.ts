import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { updateExpression } from '../../shared/aws/update-expression';
import { Conflict } from '../../shared/errors';
import type { Receipt } from '../core';
import { seqKey } from './account-table';

/**
 * Receipt numbers, `A56/<year>/<nnnn>`, unique per year and without gaps; the year is that of
 * the day the money was received (`receivedOn`), so a year's receipts are that year's income.
 *
 * A number is claimed only for a confirmation already in the ledger (the use case appends the
 * confirmation first), and a confirmation cannot be undone, so every number claimed belongs to
 * a confirmation that committed. Numbers are claimed one after the other with a conditional
 * put on `receipts#<year>` / `n#<seq>` (whoever loses the race takes the next one). Before
 * claiming, the contribution's own slot (`contribution#<id>` / `receipt#<year>`) is reserved,
 * and the number claimed is written there: a retried or concurrent confirmation of the same
 * contribution finds that number instead of claiming another, and one that takes over from a
 * confirmation that died finds the number that one had claimed among the latest claims.
 */
const RESERVATION_STALE_MS = 60_000;
/** A confirmation that died after claiming finds its claim among the latest ones. */
const RECENT_CLAIMS = 25;
const MAX_ATTEMPTS = 20;

const reservationKey = (contributionId: string, year: number) => ({ pk: `contribution#${contributionId}`, sk: `receipt#${year}` });
const claims = (year: number) => `receipts#${year}`;

export const receiptNumber = (year: number, seq: number) => `A56/${year}/${String(seq).padStart(4, '0')}`;

/** Receipt numbers; DynamoDB below, memory in the unit tests. */
export interface ReceiptBook {
  /** The receipt for confirming `contributionId` as received in `year`: the one reserved earlier, or a new number. */
  receiptFor(contributionId: string, year: number, now: Date): Promise<Receipt>;
}

export function makeReceiptBook({ db, tableName: TableName }: StoreOptions): ReceiptBook {
  async function recentClaims(year: number, limit: number): Promise<{ seq: number; contributionId: string }[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': claims(year) },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => ({ seq: Number(String(item.sk).slice(2)), contributionId: String(item.contributionId) }));
  }

  async function claimNext(contributionId: string, year: number, at: string): Promise<number> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const last = (await recentClaims(year, 1)).at(0);
      const seq = (last?.seq ?? 0) + 1;
      const claimed = await conditionally(() =>
        db.send(new PutCommand({ TableName, Item: { pk: claims(year), sk: `n#${seqKey(seq)}`, contributionId, claimedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (claimed) return seq;
    }
    throw new Conflict(`Receipt numbers of ${year} are in high demand; retry`);
  }

  async function receiptFor(contributionId: string, year: number, now: Date): Promise<Receipt> {
    const at = now.toISOString();
    const key = reservationKey(contributionId, year);
    const reserved = await conditionally(() => db.send(new PutCommand({ TableName, Item: { ...key, reservedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' })));
    if (!reserved) {
      const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
      if (Item?.number !== undefined) return { number: String(Item.number), issuedAt: String(Item.issuedAt) };
      if (Item && now.getTime() - Date.parse(String(Item.reservedAt)) < RESERVATION_STALE_MS) {
        throw new Conflict(`Contribution ${contributionId} is being confirmed by another request; retry`);
      }
    }
    // Ours to claim (or taken over from a confirmation that died: it may have claimed already).
    const earlier = reserved ? undefined : (await recentClaims(year, RECENT_CLAIMS)).find((claim) => claim.contributionId === contributionId);
    const seq = earlier?.seq ?? (await claimNext(contributionId, year, at));
    const receipt: Receipt = { number: receiptNumber(year, seq), issuedAt: at };
    const issue = updateExpression().set('number', receipt.number).set('issuedAt', at).notExists('number');
    const set = await conditionally(() => db.send(new UpdateCommand({ TableName, Key: key, ...issue.build() })));
    if (set) return receipt;
    const { Item } = await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
    return { number: String(Item?.number), issuedAt: String(Item?.issuedAt) };
  }

  return { receiptFor };
}

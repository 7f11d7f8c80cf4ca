import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
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
 * put on `receipts#<year>` / `n#<seq>` naming the contribution (whoever loses the race takes
 * the next one), and the number is then kept in the contribution's slot
 * (`contribution#<id>` / `receipt#<year>`).
 *
 * There is no lock: every request may finish a confirmation (its replay after a crash, a racing
 * twin, a refused rejection), at any time, and all of them end with the same number. Before
 * each claim, a claimer looks for its contribution among the latest claims, read strongly
 * consistent: a claim of its own (its answer lost, its function dead before the slot was
 * written, a twin's) is taken instead of a new one. Two claimers of one contribution cannot
 * both claim: whoever claims second read the first one's claim among the latest, unless
 * RECENT_CLAIMS other claims came in between.
 */
const RECENT_CLAIMS = 25;
const MAX_ATTEMPTS = 20;

const slotKey = (contributionId: string, year: number) => ({ pk: `contribution#${contributionId}`, sk: `receipt#${year}` });
const claims = (year: number) => `receipts#${year}`;

export const receiptNumber = (year: number, seq: number) => `A56/${year}/${String(seq).padStart(4, '0')}`;

/** Receipt numbers; DynamoDB below, memory in the unit tests. */
export interface ReceiptBook {
  /** The receipt for confirming `contributionId` as received in `year`: the one it was given already, or a new number. */
  receiptFor(contributionId: string, year: number, now: Date): Promise<Receipt>;
}

export function makeReceiptBook({ db, tableName: TableName }: StoreOptions): ReceiptBook {
  async function latestClaims(year: number): Promise<{ seq: number; contributionId: string }[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': claims(year) },
        ScanIndexForward: false,
        Limit: RECENT_CLAIMS,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => ({ seq: Number(String(item.sk).slice(2)), contributionId: String(item.contributionId) }));
  }

  /** The number claimed for the contribution: its own among the latest claims, or the next one. */
  async function claimFor(contributionId: string, year: number, at: string): Promise<number> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const latest = await latestClaims(year);
      const own = latest.find((claim) => claim.contributionId === contributionId);
      if (own) return own.seq;
      const seq = (latest.at(0)?.seq ?? 0) + 1;
      const claimed = await conditionally(() =>
        db.send(new PutCommand({ TableName, Item: { pk: claims(year), sk: `n#${seqKey(seq)}`, contributionId, claimedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (claimed) return seq;
      // Ours already: the put committed and only its answer was lost (the SDK's retry met our own claim). Skipping it would leave a gap.
      const { Item } = await db.send(new GetCommand({ TableName, Key: { pk: claims(year), sk: `n#${seqKey(seq)}` }, ConsistentRead: true }));
      if (Item?.contributionId === contributionId) return seq;
    }
    throw new Conflict(`Receipt numbers of ${year} are in high demand; retry`);
  }

  async function slot(contributionId: string, year: number): Promise<Receipt | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: slotKey(contributionId, year), ConsistentRead: true }));
    return Item?.number === undefined ? undefined : { number: String(Item.number), issuedAt: String(Item.issuedAt) };
  }

  async function receiptFor(contributionId: string, year: number, now: Date): Promise<Receipt> {
    const kept = await slot(contributionId, year);
    if (kept) return kept;
    const at = now.toISOString();
    const receipt: Receipt = { number: receiptNumber(year, await claimFor(contributionId, year, at)), issuedAt: at };
    // The first to keep it wins (all claimers hold the same number; the first one's date stays).
    const first = await conditionally(() =>
      db.send(new PutCommand({ TableName, Item: { ...slotKey(contributionId, year), ...receipt }, ConditionExpression: 'attribute_not_exists(#number)', ExpressionAttributeNames: { '#number': 'number' } })),
    );
    return first ? receipt : ((await slot(contributionId, year)) ?? receipt);
  }

  return { receiptFor };
}

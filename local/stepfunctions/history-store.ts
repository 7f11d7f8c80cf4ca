import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pages } from '../../functions/shared/aws/pages';
import { ensureTable } from './tables';

/** A history event as stored, with the identity that lets a replay recognise it (see HistoryLog). */
export interface StoredEvent {
  event: HistoryEvent;
  identity: string;
}

type Item = Record<string, unknown>;
const BATCH = 25; // DynamoDB's BatchWriteItem limit

function toItem(executionArn: string, { event, identity }: StoredEvent): Item {
  const timestamp = event.timestamp instanceof Date ? event.timestamp.getTime() : 0;
  return { executionArn, id: event.id, identity, event: JSON.stringify({ ...event, timestamp }) };
}

function fromItem(item: Item): StoredEvent | undefined {
  if (typeof item.event !== 'string' || typeof item.identity !== 'string') return undefined;
  const parsed = JSON.parse(item.event) as HistoryEvent & { timestamp: number };
  return { event: { ...parsed, timestamp: new Date(parsed.timestamp) }, identity: item.identity };
}

/**
 * Execution histories, one item per event (key: execution ARN, event id), in a table of their own
 * beside the engine's state table. Events are written in id order as the run produces them.
 */
export class HistoryStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  ensureTable(): Promise<void> {
    return ensureTable(this.doc, {
      TableName: this.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'executionArn', AttributeType: 'S' },
        { AttributeName: 'id', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'executionArn', KeyType: 'HASH' },
        { AttributeName: 'id', KeyType: 'RANGE' },
      ],
    });
  }

  async append(executionArn: string, events: StoredEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) {
      const puts = events.slice(i, i + BATCH).map((e) => ({ PutRequest: { Item: toItem(executionArn, e) } }));
      await this.write(puts);
    }
  }

  /** Events in id order. */
  async list(executionArn: string): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const read = (startKey: Item | undefined) =>
      this.doc.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'executionArn = :e', ExpressionAttributeValues: { ':e': executionArn }, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
    // Page by page: a long history is parsed as it arrives, not held twice.
    for await (const page of pages(read)) {
      for (const item of page.Items ?? []) {
        const stored = fromItem(item);
        if (stored) out.push(stored);
      }
    }
    return out;
  }

  /**
   * The history a replay continues: the events 1..n without a gap. A crash in the middle of a batch
   * can leave later events without their predecessors; those are removed (the replay produces them
   * again), so that they cannot be mistaken for the continuation of the new events.
   */
  async loadForReplay(executionArn: string): Promise<StoredEvent[]> {
    const all = await this.list(executionArn);
    let n = 0;
    while (n < all.length && all[n].event.id === n + 1) n++;
    const stale = all.slice(n).map((e) => ({ DeleteRequest: { Key: { executionArn, id: e.event.id } } }));
    for (let i = 0; i < stale.length; i += BATCH) await this.write(stale.slice(i, i + BATCH));
    return all.slice(0, n);
  }

  private async write(requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string]): Promise<void> {
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1000)));
      const { UnprocessedItems } = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
      pending = UnprocessedItems?.[this.tableName] ?? [];
      if (attempt > 10 && pending.length > 0) throw new Error(`History of an execution could not be written to ${this.tableName}`);
    }
  }
}

import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { db } from './dynamo';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of a Query: follows LastEvaluatedKey while a filter leaves the page short, so
 * `limit` means items returned, not items read.
 */
export async function queryPage<T>(input: QueryCommandInput, limit: number, cursor: string | undefined, map: (item: Record<string, unknown>) => T): Promise<Page<T>> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined = decodeCursor(cursor);
  do {
    const page = await db.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) items.push(map(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return { items, nextCursor: encodeCursor(startKey) };
}

/** Every item of a Query (for small, bounded sets such as one document's jobs). */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

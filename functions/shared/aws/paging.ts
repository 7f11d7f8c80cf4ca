import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/cursor';
import { db } from './dynamo';
import { type StartKey, countItems, pages, queryItems } from './pages';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The partition a Query reads: the first clause of its key condition, `name = :value`. */
function partitionOf(input: QueryCommandInput): Record<string, string | number> {
  const [first = ''] = (input.KeyConditionExpression ?? '').split(/\s+AND\s+/i);
  const match = /^\s*(#?[\w]+)\s*=\s*(:[\w]+)\s*$/.exec(first);
  if (!match) throw new Error(`Query key condition has no partition equality first: ${String(input.KeyConditionExpression)}`);
  const [, nameRef, valueRef] = match;
  const name = nameRef.startsWith('#') ? input.ExpressionAttributeNames?.[nameRef] : nameRef;
  const value: unknown = input.ExpressionAttributeValues?.[valueRef];
  if (name === undefined || (typeof value !== 'string' && typeof value !== 'number')) throw new Error(`Query partition ${first} is not bound`);
  return { [name]: value };
}

/** DynamoDB refuses a start key that does not fit the table or index: that was the client's cursor. */
const isValidationError = (error: unknown) => error instanceof Error && error.name === 'ValidationException';

/**
 * One page of a Query: follows LastEvaluatedKey while a filter leaves the page short, so
 * `limit` means items returned, not items read. A cursor is checked against the query's own
 * partition, and one DynamoDB still refuses is the client's bad input (400), never a 500.
 */
export async function queryPage<T>(input: QueryCommandInput, limit: number, cursor: string | undefined, map: (item: Record<string, unknown>) => T, client: DynamoDBDocumentClient = db): Promise<Page<T>> {
  const items: T[] = [];
  const fromClient = decodeCursor(cursor, cursor === undefined ? {} : partitionOf(input));
  let next: StartKey | undefined;
  const read = async (startKey: StartKey | undefined) => {
    try {
      return await client.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: startKey }));
    } catch (error) {
      if (fromClient !== undefined && startKey === fromClient && isValidationError(error)) throw invalidCursor();
      throw error;
    }
  };
  for await (const page of pages(read, fromClient)) {
    for (const item of page.Items ?? []) items.push(map(item));
    next = page.LastEvaluatedKey;
    if (items.length >= limit) break;
  }
  return { items, nextCursor: encodeCursor(next) };
}

/** How many items a Query matches, counted by DynamoDB (no item leaves the table). */
export const queryCount = (input: QueryCommandInput, client: DynamoDBDocumentClient = db): Promise<number> => countItems(client, input);

/** Every item of a Query (for small, bounded sets such as one document's jobs). */
export const queryAll = (input: QueryCommandInput, client: DynamoDBDocumentClient = db): Promise<Record<string, unknown>[]> => queryItems(client, input);

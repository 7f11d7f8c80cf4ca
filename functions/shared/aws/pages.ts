import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

/** A DynamoDB key (LastEvaluatedKey, ExclusiveStartKey). */
export type StartKey = Record<string, unknown>;

/** What a Query or Scan page brings back. */
export interface ReadPage {
  Items?: Record<string, unknown>[];
  Count?: number;
  LastEvaluatedKey?: StartKey;
}

/**
 * The paging loop of a Query or Scan, once: reads a page from `start` (the first from the
 * beginning), then from each page's LastEvaluatedKey, until the last page or until the caller
 * stops iterating. No client of its own: the functions and local/ pass theirs.
 */
export async function* pages(read: (startKey: StartKey | undefined) => Promise<ReadPage>, start?: StartKey): AsyncGenerator<ReadPage> {
  let startKey = start;
  do {
    const page = await read(startKey);
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item of every page. */
export async function allItems(read: (startKey: StartKey | undefined) => Promise<ReadPage>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of pages(read)) items.push(...(page.Items ?? []));
  return items;
}

/** Every item a Query matches (for small, bounded sets). */
export const queryItems = (client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> =>
  allItems((startKey) => client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })));

/** Every item a Scan matches (for small, bounded tables). */
export const scanItems = (client: DynamoDBDocumentClient, input: ScanCommandInput): Promise<Record<string, unknown>[]> =>
  allItems((startKey) => client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey })));

/** How many items a Query matches, counted by DynamoDB (no item leaves the table). */
export async function countItems(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<number> {
  let count = 0;
  for await (const page of pages((startKey) => client.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey })))) count += page.Count ?? 0;
  return count;
}

import * as z from 'zod';
import { InvalidRequest } from '../errors';

type Key = Record<string, string | number>;
/** A DynamoDB key: a table key and at most an index key, strings or numbers, bounded. */
const KeySchema = z
  .record(z.string().min(1).max(255), z.union([z.string().max(1024), z.number()]))
  .refine((key) => Object.keys(key).length >= 1 && Object.keys(key).length <= 4);

export const invalidCursor = () => new InvalidRequest('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor returned by this list' }]);

/** Opaque list cursors: the DynamoDB key to resume from, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * The key to resume from, accepted only for the query that produced it: it must hold the
 * query's own partition (`partition`: the key condition's equality, e.g. `{status: 'open'}`),
 * so a cursor can never move a list into another partition, such as another donor's records.
 */
export function decodeCursor(cursor: string | undefined, partition: Key = {}): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: Key;
  try {
    key = KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
  for (const [name, value] of Object.entries(partition)) if (key[name] !== value) throw invalidCursor();
  return key;
}

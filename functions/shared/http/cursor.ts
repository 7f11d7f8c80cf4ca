import { z } from 'zod';
import { InvalidRequest } from '../errors';

type Key = Record<string, string | number>;
const KeySchema = z.record(z.string().max(100), z.union([z.string().max(1024), z.number()]));

/** Opaque list cursors: the DynamoDB key to resume from, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (cursor === undefined) return undefined;
  try {
    return KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidRequest('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor returned by this API' }]);
  }
}

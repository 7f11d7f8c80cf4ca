import { createHash } from 'node:crypto';
import { SfnError } from './errors';
import { isRecord } from './json';

/** AWS: 0 (or absent) means the default page size; more than 1000 is refused. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export function pageSize(maxResults: number | null | undefined): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return DEFAULT_PAGE;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE) {
    throw new SfnError('ValidationException', `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and ${MAX_PAGE}`);
  }
  return maxResults;
}

/**
 * Opaque page tokens: where the next page starts (an event id, a sort key), bound to the request's
 * other arguments (AWS: "keep all other arguments unchanged"), so a token used with other arguments,
 * or one that is not ours, is an InvalidToken like AWS's.
 */
function scopeDigest(scope: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 16);
}

export function encodeToken(scope: unknown[], after: string | number): string {
  return Buffer.from(JSON.stringify({ s: scopeDigest(scope), a: after })).toString('base64url');
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the caller's token type (string or number), checked by `kind`
export function decodeToken<T extends string | number>(token: string | null | undefined, scope: unknown[], kind: 'string' | 'number'): T | undefined {
  if (token === undefined || token === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed) || parsed.s !== scopeDigest(scope) || typeof parsed.a !== kind) {
    throw new SfnError('InvalidToken', `Invalid Token: '${token}'`);
  }
  return parsed.a as T;
}

/** One page of `items` (already in answer order) after the item whose position is `after`. */
export function pageAfter<T>(
  items: T[],
  positionOf: (item: T) => string | number,
  isAfter: (position: string | number, after: string | number) => boolean,
  request: { maxResults?: number; nextToken?: string },
  scope: unknown[],
  kind: 'string' | 'number',
): { items: T[]; nextToken?: string } {
  const size = pageSize(request.maxResults);
  const after = decodeToken<string | number>(request.nextToken, scope, kind);
  const rest = after === undefined ? items : items.filter((item) => isAfter(positionOf(item), after));
  const page = rest.slice(0, size);
  const last = page.at(-1);
  return { items: page, nextToken: rest.length > size && last !== undefined ? encodeToken(scope, positionOf(last)) : undefined };
}

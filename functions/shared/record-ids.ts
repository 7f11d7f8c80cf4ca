import { createHash, randomUUID } from 'node:crypto';

/**
 * A new record id. With an Idempotency-Key it is derived from the caller-scoped key, so a
 * request that runs again under the same key (its first run died, or its stored response
 * expired) meets the record the first run created instead of creating another.
 */
export function newId(kind: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  const hex = createHash('sha256').update(`${kind}\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

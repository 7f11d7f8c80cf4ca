import * as z from 'zod';

export const Limit = z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1-100');
export const Cursor = z.string().min(1).max(2048).optional().describe('From `nextCursor` of the previous page');

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Ids in paths: generous but bounded, no slashes. */
export const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'not a valid id');


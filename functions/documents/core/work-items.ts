import * as z from 'zod';
import { IsoDate } from './dates';
import { Language } from './language';

/** The hand-offs of the chain: a translation job per target language, an editing task per language, a print job. */

export const TranslationJobStatus = z.enum(['open', 'completed', 'failed', 'cancelled']);
export type TranslationJobStatus = z.infer<typeof TranslationJobStatus>;

export const TranslationJob = z
  .object({
    jobId: z.string(),
    documentId: z.string(),
    symbol: z.string(),
    sourceLanguage: Language,
    targetLanguage: Language,
    wordCount: z.int(),
    sourceUri: z.string().nullable(),
    dueBy: IsoDate,
    status: TranslationJobStatus,
    /** Which revision round (1 = first translation) and which offer within it. */
    round: z.int(),
    attempt: z.int(),
    translatedUri: z.string().optional(),
    reason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TranslationJob' });
export type TranslationJob = z.infer<typeof TranslationJob>;

export const EditingTaskStatus = z.enum(['open', 'completed', 'cancelled']);
export const Decision = z.enum(['approve', 'revise']);
export type Decision = z.infer<typeof Decision>;

export const EditingTask = z
  .object({
    taskId: z.string(),
    documentId: z.string(),
    symbol: z.string(),
    language: Language,
    status: EditingTaskStatus,
    round: z.int(),
    attempt: z.int(),
    /** The language version under review. */
    uri: z.string().optional(),
    decision: Decision.optional(),
    comments: z.string().optional(),
    reason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EditingTask' });
export type EditingTask = z.infer<typeof EditingTask>;

export const PrintJob = z
  .object({
    jobId: z.string(),
    documentId: z.string(),
    symbol: z.string(),
    copies: z.int(),
    languages: z.array(Language),
    status: z.enum(['open', 'completed', 'cancelled']),
    attempt: z.int(),
    copiesPrinted: z.int().optional(),
    reason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PrintJob' });
export type PrintJob = z.infer<typeof PrintJob>;

/** Ids derived from what the workflow asks for, so that a retried or replayed step finds its item again. */
export function workItemId(prefix: string, ...parts: (string | number)[]): string {
  // FNV-1a is enough: ids only need to be stable and unlikely to collide within one document.
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(parts.join('|'))) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${prefix}-${hash.toString(36).padStart(13, '0')}`;
}

/** When a translation job is due: its own time limit, or a week before issuance if that comes first. */
export function translationDueBy(openedOn: string, timeoutDays: number, issuanceDue: string | undefined): string {
  const limit = new Date(`${openedOn}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + timeoutDays);
  const byTimeout = limit.toISOString().slice(0, 10);
  if (!issuanceDue) return byTimeout;
  const beforeIssuance = new Date(`${issuanceDue}T00:00:00Z`);
  beforeIssuance.setUTCDate(beforeIssuance.getUTCDate() - 7);
  const candidate = beforeIssuance.toISOString().slice(0, 10);
  return candidate < byTimeout && candidate > openedOn ? candidate : byTimeout;
}

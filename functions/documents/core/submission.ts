import * as z from 'zod';
import { SafeUri } from '../../shared/uri';
import { IsoDate } from './dates';
import { Language } from './language';
import { DocumentSymbol, amendmentOf } from './symbol';

export const CATEGORIES = ['pre-session', 'in-session', 'post-session', 'publication', 'website'] as const;
export const Category = z.enum(CATEGORIES);
export const SESSION_CATEGORIES: readonly Category[] = ['pre-session', 'in-session', 'post-session'];
export type Category = z.infer<typeof Category>;

export const Origin = z.enum(['secretariat', 'member-state', 'other']);
export type Origin = z.infer<typeof Origin>;

export const Session = z
  .strictObject({
    code: z.string().min(1).max(50).regex(/^[A-Za-z0-9][A-Za-z0-9.\-_/ ]*$/, 'letters, digits, . - _ / and spaces'),
    startsOn: IsoDate,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

/** A slot's id: its session's slots sort by it in the order they were forecast. */
export const SlotId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'not a valid slot id');

export const DocumentSubmission = z
  .strictObject({
    symbol: DocumentSymbol,
    title: z.string().trim().min(1).max(500),
    category: Category,
    session: Session.optional(),
    originalLanguage: Language,
    /** Empty only for a corrigendum of the original language alone (nothing to translate). */
    targetLanguages: z.array(Language).max(5).optional(),
    wordCount: z.int().min(1).max(200_000),
    origin: Origin,
    printRun: z.strictObject({ copies: z.int().min(1).max(100_000) }).optional(),
    sourceUri: SafeUri.optional(),
    /** Addition to the contract: a document over the word limit that already has its waiver. */
    wordLimitWaived: z.boolean().optional(),
    /** Addition to the contract: the slot of the session's plan that this document fills. */
    slotId: SlotId.optional(),
  })
  .superRefine((value, ctx) => {
    if (SESSION_CATEGORIES.includes(value.category) && !value.session) {
      ctx.addIssue({ code: 'custom', path: ['session'], message: `is required for ${value.category} documents` });
    }
    const targets = value.targetLanguages ?? [];
    if (value.targetLanguages?.length === 0 && amendmentOf(value.symbol)?.kind !== 'corrigendum') {
      ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must name at least one language (only a corrigendum may concern its original language alone)' });
    }
    if (new Set(targets).size !== targets.length) {
      ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not repeat a language' });
    }
    if (targets.includes(value.originalLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not include the original language' });
    }
  })
  .meta({ id: 'DocumentSubmission' });
export type DocumentSubmission = z.infer<typeof DocumentSubmission>;

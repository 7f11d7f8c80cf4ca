import * as z from 'zod';
import { SafeUri } from '../../shared/uri';
import { IsoDate } from './dates';
import { Language } from './language';
import { DocumentSymbol } from './symbol';

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

export const DocumentSubmission = z
  .strictObject({
    symbol: DocumentSymbol,
    title: z.string().trim().min(1).max(500),
    category: Category,
    session: Session.optional(),
    originalLanguage: Language,
    targetLanguages: z.array(Language).min(1).max(5).optional(),
    wordCount: z.int().min(1).max(200_000),
    origin: Origin,
    printRun: z.strictObject({ copies: z.int().min(1).max(100_000) }).optional(),
    sourceUri: SafeUri.optional(),
    /** Addition to the contract: a document over the word limit that already has its waiver. */
    wordLimitWaived: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (SESSION_CATEGORIES.includes(value.category) && !value.session) {
      ctx.addIssue({ code: 'custom', path: ['session'], message: `is required for ${value.category} documents` });
    }
    const targets = value.targetLanguages ?? [];
    if (new Set(targets).size !== targets.length) {
      ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not repeat a language' });
    }
    if (targets.includes(value.originalLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not include the original language' });
    }
  })
  .meta({ id: 'DocumentSubmission' });
export type DocumentSubmission = z.infer<typeof DocumentSubmission>;

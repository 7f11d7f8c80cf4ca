import { z } from 'zod';
import { IsoDate } from './dates';
import { LANGUAGES, Language } from './language';
import { Category, Origin, Session } from './submission';
import { DocumentSymbol } from './symbol';

export const DOCUMENT_STATUSES = ['in-translation', 'in-editing', 'published', 'printing', 'completed', 'withdrawn', 'failed'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const LanguageStatus = z.enum(['original', 'translation-requested', 'translated', 'approved', 'published']);
export type LanguageStatus = z.infer<typeof LanguageStatus>;

export const FLAGS = ['late-submission', 'over-word-limit', 'issuance-at-risk', 'issuance-overdue'] as const;
export const Flag = z.enum(FLAGS);
export type Flag = z.infer<typeof Flag>;

export const LanguageVersion = z.object({
  status: LanguageStatus,
  translationJobId: z.string().optional(),
  uri: z.string().optional(),
});
export type LanguageVersion = z.infer<typeof LanguageVersion>;

export const Deadlines = z.object({ submissionDue: IsoDate, issuanceDue: IsoDate });
export type Deadlines = z.infer<typeof Deadlines>;

export const DocumentView = z
  .object({
    id: z.string(),
    symbol: DocumentSymbol,
    title: z.string(),
    category: Category,
    session: Session.optional(),
    originalLanguage: Language,
    targetLanguages: z.array(Language),
    wordCount: z.int(),
    origin: Origin,
    printRun: z.object({ copies: z.int() }).optional(),
    sourceUri: z.string().optional(),
    wordLimitWaived: z.boolean(),
    status: DocumentStatus,
    languages: z.partialRecord(Language, LanguageVersion).describe('One entry per language, the original included'),
    deadlines: Deadlines.optional(),
    flags: z.array(Flag),
    publishedAt: z.string().optional(),
    failureReason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Document' });
export type DocumentView = z.infer<typeof DocumentView>;

/** Stored form: the view less the flags that depend on today's date, plus who submitted it. */
export type DocumentRecord = Omit<DocumentView, 'flags'> & { storedFlags: Flag[]; submittedBy: string };

export const defaultTargets = (original: Language): Language[] => LANGUAGES.filter((language) => language !== original);

/** A withdrawal is possible until publication: after that the document is on the record. */
export const WITHDRAWABLE: readonly DocumentStatus[] = ['in-translation', 'in-editing'];
export const FINAL: readonly DocumentStatus[] = ['completed', 'withdrawn', 'failed'];
/** Statuses in which work-item callbacks may still change the document (never a withdrawn or failed one). */
export const ACCEPTS_CALLBACKS: readonly DocumentStatus[] = DOCUMENT_STATUSES.filter((status) => status !== 'withdrawn' && status !== 'failed');

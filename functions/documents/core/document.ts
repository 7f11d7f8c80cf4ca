import * as z from 'zod';
import { IsoDate } from './dates';
import { LANGUAGES, Language } from './language';
import type { Risk } from './risk-level';
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

/** Another document, by id and symbol (a corrigendum's or revision's base, a revision that supersedes). */
export const DocumentLink = z.object({ documentId: z.string(), symbol: z.string() }).meta({ id: 'DocumentLink' });
export type DocumentLink = z.infer<typeof DocumentLink>;

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
    /** The slot of its session's plan that it fills. */
    slotId: z.string().optional(),
    /** A corrigendum (`<base>/Corr.N`): the published document it corrects. */
    corrects: DocumentLink.optional(),
    /** A revision (`<base>/Rev.N`): the published document it revises. */
    revises: DocumentLink.optional(),
    /** Set when a revision of this document is published. */
    supersededBy: DocumentLink.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Document' });
export type DocumentView = z.infer<typeof DocumentView>;

/** Stored form: the view less the flags that depend on today's date, plus who submitted it. */
export type DocumentRecord = Omit<DocumentView, 'flags'> & {
  storedFlags: Flag[];
  submittedBy: string;
  /** A base's published corrigenda, by document id. */
  corrigenda?: Record<string, Corrigendum>;
  /** The daily review's last assessment, and how many changes of risk it recorded. */
  issuanceRisk?: { risk: Risk; changes: number; on: string };
};

export interface Corrigendum {
  symbol: string;
  languages: Language[];
}

export const defaultTargets = (original: Language): Language[] => LANGUAGES.filter((language) => language !== original);

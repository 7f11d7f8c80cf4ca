import * as z from 'zod';
import { IsoDate } from './dates';
import { Language } from './language';
import { Category, Origin, Session, SlotId } from './submission';

export { SlotId };
import { DocumentSymbol } from './symbol';

/** A session's code, as documents name it (`session.code`). */
export const SessionCode = Session.shape.code;

export const SessionPlanning = z
  .strictObject({
    title: z.string().trim().min(1).max(500),
    startsOn: IsoDate,
    endsOn: IsoDate.optional(),
    venue: z.string().trim().min(1).max(200).optional(),
  })
  .refine((value) => value.endsOn === undefined || value.endsOn >= value.startsOn, { path: ['endsOn'], error: 'must not be before startsOn' })
  .meta({ id: 'SessionPlanning' });
export type SessionPlanning = z.infer<typeof SessionPlanning>;

export const SessionView = z
  .object({
    code: z.string(),
    title: z.string(),
    startsOn: IsoDate,
    endsOn: IsoDate.optional(),
    venue: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PlannedSession' });
export type SessionView = z.infer<typeof SessionView>;

/** The forecast of a document not yet submitted (gDoc's "slot"). */
export const SlotForecast = z
  .strictObject({
    title: z.string().trim().min(1).max(500),
    category: Category,
    originalLanguage: Language,
    targetLanguages: z.array(Language).min(1).max(5).optional(),
    expectedWords: z.int().min(1).max(200_000),
    expectedSubmissionOn: IsoDate,
    origin: Origin,
    symbol: DocumentSymbol.optional(),
    /** The resolution or decision that requests the document. */
    mandate: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((value, ctx) => {
    const targets = value.targetLanguages ?? [];
    if (new Set(targets).size !== targets.length) ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not repeat a language' });
    if (targets.includes(value.originalLanguage)) ctx.addIssue({ code: 'custom', path: ['targetLanguages'], message: 'must not include the original language' });
  })
  .meta({ id: 'SlotForecast' });
export type SlotForecast = z.infer<typeof SlotForecast>;

export const SlotStatus = z.enum(['forecast', 'submitted']);

export const SlotView = z
  .object({
    slotId: z.string(),
    session: z.string(),
    title: z.string(),
    category: Category,
    originalLanguage: Language,
    targetLanguages: z.array(Language),
    expectedWords: z.int(),
    expectedSubmissionOn: IsoDate,
    origin: Origin,
    symbol: z.string().optional(),
    mandate: z.string().optional(),
    status: SlotStatus,
    documentId: z.string().optional(),
    submittedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Slot' });
export type SlotView = z.infer<typeof SlotView>;

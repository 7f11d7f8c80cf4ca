import * as z from 'zod';
import { type Compliance, compliance } from './compliance';
import { IsoDate } from './dates';
import { deadlinesFor } from './deadlines';
import type { DocumentRecord } from './document';
import { LANGUAGES, type Language } from './language';
import { type Assessment, assessDocument, assessSlot } from './risk';
import { Risk } from './risk-level';
import { SessionView, type SlotView } from './session';
import { type Capacity, type WeekLoad, type WorkloadEntry, workload } from './workload';

export const PlanItem = z
  .object({
    slotId: z.string().optional(),
    documentId: z.string().optional(),
    symbol: z.string().optional(),
    title: z.string(),
    status: z.string().describe('`forecast` for a slot not yet submitted, else the document\'s status'),
    submissionDue: IsoDate.nullable().describe('The slot date, else the manuscript deadline'),
    issuanceDue: IsoDate.nullable(),
    risk: Risk,
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PlanItem' });
export type PlanItem = z.infer<typeof PlanItem>;

const WeekLoadSchema = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/), words: z.int(), capacity: z.int(), over: z.boolean() });

export const SessionPlan = z
  .object({
    session: SessionView,
    items: z.array(PlanItem),
    workload: z.partialRecord(z.enum(LANGUAGES), z.array(WeekLoadSchema)).describe('Per target language and ISO week: words of forecast slots and open translation jobs against capacity'),
    compliance: z.object({ documents: z.int(), submittedOnTime: z.int(), issuedOnTime: z.int() }),
  })
  .meta({ id: 'SessionPlan' });
export interface SessionPlan {
  session: SessionView;
  items: PlanItem[];
  workload: Partial<Record<Language, WeekLoad[]>>;
  compliance: Compliance;
}

/** An open translation job, as the plan needs it. */
export interface OpenTranslation {
  language: Language;
  wordCount: number;
  dueBy: string;
}

export interface PlanInputs {
  session: SessionView;
  slots: readonly SlotView[];
  documents: readonly DocumentRecord[];
  openTranslations: ReadonlyMap<string, readonly OpenTranslation[]>;
  capacity: Capacity;
  today: string;
}

const day = (time: string | undefined) => time?.slice(0, 10);

/** The assessment of a submitted document, as the plan and the daily review both make it. */
export function documentAssessment(document: DocumentRecord, open: readonly OpenTranslation[], today: string): Assessment {
  const assessment = assessDocument(
    {
      status: document.status,
      ...(document.deadlines ? { issuanceDue: document.deadlines.issuanceDue } : {}),
      ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
      ...(document.failureReason ? { failureReason: document.failureReason } : {}),
      openTranslations: open.map(({ language, dueBy }) => ({ language, dueBy })),
    },
    today,
  );
  if (assessment.risk !== 'done' && document.storedFlags.includes('late-submission') && document.deadlines) {
    return { ...assessment, reasons: [...assessment.reasons, `The manuscript came in after its deadline of ${document.deadlines.submissionDue} and has lost priority.`] };
  }
  return assessment;
}

/** The session's plan: every slot and document with its risk, the weekly workload per language, compliance. */
export function sessionPlan({ session, slots, documents, openTranslations, capacity, today }: PlanInputs): SessionPlan {
  const items: PlanItem[] = [];
  const work: WorkloadEntry[] = [];
  const slotsById = new Map(slots.map((slot) => [slot.slotId, slot]));
  const documentIds = new Set(documents.map((document) => document.id));
  for (const slot of slots) {
    if (slot.status === 'submitted' && slot.documentId && documentIds.has(slot.documentId)) continue;
    const issuanceDue = deadlinesFor(slot.category, { code: session.code, startsOn: session.startsOn })?.issuanceDue ?? null;
    const assessment: Assessment =
      slot.status === 'forecast' ? assessSlot(slot.expectedSubmissionOn, today) : { risk: 'on-track', reasons: [`Submitted as document ${slot.documentId ?? '(unknown)'}.`] };
    items.push({ slotId: slot.slotId, ...(slot.symbol ? { symbol: slot.symbol } : {}), title: slot.title, status: slot.status, submissionDue: slot.expectedSubmissionOn, issuanceDue, ...assessment });
    if (slot.status === 'forecast') for (const language of slot.targetLanguages) work.push({ language, words: slot.expectedWords, dueOn: slot.expectedSubmissionOn });
  }
  const facts = [];
  for (const document of documents) {
    const slot = document.slotId ? slotsById.get(document.slotId) : undefined;
    const submissionDue = slot?.expectedSubmissionOn ?? document.deadlines?.submissionDue ?? null;
    const issuanceDue = document.deadlines?.issuanceDue ?? null;
    const open = openTranslations.get(document.id) ?? [];
    items.push({
      ...(document.slotId ? { slotId: document.slotId } : {}),
      documentId: document.id,
      symbol: document.symbol,
      title: document.title,
      status: document.status,
      submissionDue,
      issuanceDue,
      ...documentAssessment(document, open, today),
    });
    for (const job of open) work.push({ language: job.language, words: job.wordCount, dueOn: job.dueBy });
    facts.push({
      withdrawn: document.status === 'withdrawn',
      submittedOn: document.createdAt.slice(0, 10),
      ...(submissionDue ? { submissionDue } : {}),
      ...(issuanceDue ? { issuanceDue } : {}),
      ...(document.publishedAt ? { publishedOn: day(document.publishedAt) } : {}),
    });
  }
  items.sort((a, b) => (a.submissionDue ?? '9999') .localeCompare(b.submissionDue ?? '9999'));
  return { session, items, workload: workload(work, capacity, today), compliance: compliance(facts) };
}

import { randomUUID } from 'node:crypto';
import { countFact } from '../../shared/business-metrics';
import type { DomainEvents } from '../../shared/domain-events';
import { Conflict } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import type { SessionStore } from '../adapters/session-store';
import { amendmentLink } from '../core/amendment';
import { today } from '../core/dates';
import { deadlinesFor, submissionFlags } from '../core/deadlines';
import { type DocumentRecord, type DocumentView, type LanguageVersion, defaultTargets } from '../core/document';
import type { Language } from '../core/language';
import type { DocumentSubmission } from '../core/submission';
import { documentFailed, documentSubmitted } from '../events';
import { amendmentOf } from '../core/symbol';
import type { Clock, DocumentPipeline } from './ports';
import { documentView } from './views';

interface SubmissionPorts {
  documents: Pick<DocumentStore, 'getDocument' | 'reserveSymbol' | 'insertDocument' | 'changeDocument' | 'releaseSymbol' | 'findBySymbol'>;
  slots: Pick<SessionStore, 'getSession' | 'getSlot' | 'fillSlot' | 'releaseSlot'>;
  pipeline: DocumentPipeline;
  events: DomainEvents;
  clock: Clock;
}

/** What the pipeline execution starts from. */
export interface PipelineInput {
  documentId: string;
  targetLanguages: Language[];
}

/** A slot claimed this long ago by a document that was never written was left by a crashed submission (the API times out in seconds). */
const ABANDONED_CLAIM_MS = 5 * 60_000;

interface SlotClaim {
  code: string;
  slotId: string;
  /** The never-written document whose claim this submission takes over. */
  takingOver?: string;
}

/** The slot a submission fills must be a forecast of the document's own session, for the same symbol if it named one. */
async function checkSlot(ports: Pick<SubmissionPorts, 'slots' | 'documents'>, submission: DocumentSubmission, now: Date): Promise<SlotClaim | undefined> {
  const { slots, documents } = ports;
  const { slotId } = submission;
  if (slotId === undefined) return undefined;
  const code = submission.session?.code;
  if (code === undefined) throw new Conflict(`Slot ${slotId} belongs to a session; the document names none`);
  const [session, slot] = await Promise.all([slots.getSession(code), slots.getSlot(code, slotId)]);
  if (!slot) throw new Conflict(`Slot ${slotId} is not a slot of session ${code}`);
  // The plan's deadlines come from the planned session: a document filling its slot must agree on the opening day.
  if (session && submission.session && session.startsOn !== submission.session.startsOn) {
    throw new Conflict(`Session ${code} opens on ${session.startsOn}, not ${submission.session.startsOn}`);
  }
  if (slot.symbol !== undefined && slot.symbol !== submission.symbol) throw new Conflict(`Slot ${slotId} is for symbol ${slot.symbol}, not ${submission.symbol}`);
  if (slot.status === 'forecast') return { code, slotId };
  const holder = slot.documentId;
  const abandoned = holder !== undefined && now.getTime() - Date.parse(slot.submittedAt ?? slot.updatedAt) > ABANDONED_CLAIM_MS && !(await documents.getDocument(holder));
  if (!abandoned) throw new Conflict(`Slot ${slotId} is already filled by document ${holder ?? '(unknown)'}`);
  return { code, slotId, takingOver: holder };
}

/**
 * Records the document and starts its pipeline: the symbol guard, the slot (when it fills
 * one), the document, StartExecution. A corrigendum or revision is linked to its published
 * base first. The "submitted" history event is derived from the document.
 */
export function makeSubmitDocument({ documents, slots, pipeline, events, clock }: SubmissionPorts) {
  return async (caller: Caller, submission: DocumentSubmission): Promise<DocumentView> => {
    const now = clock();
    const id = randomUUID();
    const at = now.toISOString();
    const amendment = amendmentLink(submission.symbol, await baseOf(submission.symbol), { original: submission.originalLanguage, targets: submission.targetLanguages });
    const slot = await checkSlot({ slots, documents }, submission, now);
    const targetLanguages = submission.targetLanguages ?? amendment?.defaultTargets ?? defaultTargets(submission.originalLanguage);
    const deadlines = deadlinesFor(submission.category, submission.session);
    const wordLimitWaived = submission.wordLimitWaived ?? false;
    const languages: Partial<Record<Language, LanguageVersion>> = {
      [submission.originalLanguage]: { status: 'original', ...(submission.sourceUri ? { uri: submission.sourceUri } : {}) },
    };
    for (const language of targetLanguages) languages[language] = { status: 'translation-requested' };
    const record: DocumentRecord = {
      ...submission,
      id,
      targetLanguages,
      wordLimitWaived,
      status: 'in-translation',
      languages,
      ...(deadlines ? { deadlines } : {}),
      ...(amendment ? { [amendment.field]: amendment.link } : {}),
      storedFlags: submissionFlags({ submittedOn: today(now), deadlines, wordCount: submission.wordCount, origin: submission.origin, wordLimitWaived }),
      submittedBy: caller.subject,
      createdAt: at,
      updatedAt: at,
    };
    await documents.reserveSymbol(submission.symbol, id);
    // One conditional update fills the slot: of two submissions for it, one gets a 409.
    if (slot && !(await slots.fillSlot(slot.code, slot.slotId, id, at, slot.takingOver))) {
      await documents.releaseSymbol(submission.symbol, id);
      throw new Conflict(`Slot ${slot.slotId} was just filled by another document`);
    }
    await documents.insertDocument(record);
    try {
      const input: PipelineInput = { documentId: id, targetLanguages };
      await pipeline.start(id, input);
    } catch (error) {
      // Without a pipeline the document would wait forever: mark it failed and free its symbol and slot.
      const failureReason = 'The pipeline could not be started';
      await documents.changeDocument(id, { move: 'fail', set: { failureReason }, at });
      countFact('DocumentFailed', { documentId: id });
      await events.publish(documentFailed({ ...record, status: 'failed', failureReason }, failureReason));
      await documents.releaseSymbol(submission.symbol, id);
      if (slot) await slots.releaseSlot(slot.code, slot.slotId, id, at);
      throw error;
    }
    // A new id on every call: a replay with the same Idempotency-Key is answered before this runs.
    countFact('DocumentSubmitted', { documentId: id });
    await events.publish(documentSubmitted(record));
    return documentView(record, now);
  };

  /** The document a corrigendum's or revision's symbol names as its base. */
  async function baseOf(symbol: string): Promise<DocumentRecord | undefined> {
    const amendment = amendmentOf(symbol);
    return amendment ? documents.findBySymbol(amendment.base) : undefined;
  }
}

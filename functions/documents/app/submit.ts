import { countFact } from '../../shared/business-metrics';
import type { DomainEvents } from '../../shared/domain-events';
import { Conflict } from '../../shared/errors';
import { newId } from '../../shared/record-ids';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import type { SessionStore } from '../adapters/session-store';
import { amendmentLink } from '../core/amendment';
import { today } from '../core/dates';
import { deadlinesFor, submissionFlags } from '../core/deadlines';
import { type DocumentRecord, type DocumentView, type LanguageVersion, defaultTargets } from '../core/document';
import { FINAL } from '../core/lifecycle';
import type { Language } from '../core/language';
import type { DocumentSubmission } from '../core/submission';
import { documentSubmitted } from '../events';
import { amendmentOf } from '../core/symbol';
import type { Clock, DocumentPipeline } from './ports';
import { documentView } from './views';

interface SubmissionPorts {
  documents: Pick<DocumentStore, 'getDocument' | 'reserveSymbol' | 'insertDocument' | 'releaseSymbol' | 'findBySymbol'>;
  slots: Pick<SessionStore, 'getSession' | 'getSlot' | 'fillSlot'>;
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
async function checkSlot(ports: Pick<SubmissionPorts, 'slots' | 'documents'>, submission: DocumentSubmission, documentId: string, now: Date): Promise<SlotClaim | undefined> {
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
  // Its own claim: a replay of a submission that crashed after filling the slot fills it again.
  if (holder === documentId) return { code, slotId, takingOver: documentId };
  const abandoned = holder !== undefined && now.getTime() - Date.parse(slot.submittedAt ?? slot.updatedAt) > ABANDONED_CLAIM_MS && !(await documents.getDocument(holder));
  if (!abandoned) throw new Conflict(`Slot ${slotId} is already filled by document ${holder ?? '(unknown)'}`);
  return { code, slotId, takingOver: holder };
}

/**
 * Records the document and starts its pipeline: the symbol guard, the slot (when it fills
 * one), the document, StartExecution (named after the document). A corrigendum or revision is
 * linked to its published base first. The "submitted" history event is derived from the
 * document. With an Idempotency-Key the id is derived from the caller-scoped key, so a replay
 * after a crash anywhere in between meets the same guard, the same slot claim, the same
 * document and the same execution, finishes what was left undone and answers the document:
 * never a 409 for its own symbol or slot. A pipeline that could not be started (without a key,
 * or never replayed) is started by the reconciler: failing the document instead would be wrong
 * when StartExecution committed and only its answer was lost.
 */
export function makeSubmitDocument({ documents, slots, pipeline, events, clock }: SubmissionPorts) {
  const startPipeline = (record: DocumentRecord) => {
    const input: PipelineInput = { documentId: record.id, targetLanguages: record.targetLanguages };
    return pipeline.start(record.id, input);
  };

  return async (caller: Caller, submission: DocumentSubmission, idempotencyKey?: string): Promise<DocumentView> => {
    const now = clock();
    const id = newId('document', idempotencyKey);
    const replayed = idempotencyKey === undefined ? undefined : await documents.getDocument(id, { consistent: true });
    if (replayed) return resume(replayed, now);
    const at = now.toISOString();
    const amendment = amendmentLink(submission.symbol, await baseOf(submission.symbol), { original: submission.originalLanguage, targets: submission.targetLanguages });
    const slot = await checkSlot({ slots, documents }, submission, id, now);
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
    if (!(await documents.insertDocument(record))) {
      // Written meanwhile by a concurrent run under the same key.
      const stored = await documents.getDocument(id, { consistent: true });
      if (stored) return resume(stored, now);
    }
    countFact('DocumentSubmitted', { documentId: id });
    await startPipeline(record);
    await events.publish(documentSubmitted(record));
    return documentView(record, now);
  };

  /** A replay: the document is there; its pipeline is started unless it was (or the document is over). */
  async function resume(stored: DocumentRecord, now: Date): Promise<DocumentView> {
    if (!FINAL.includes(stored.status)) await startPipeline(stored);
    // Announced once per fact (the emitter's marker): a crash before the first announcement heals here.
    await events.publish(documentSubmitted(stored));
    return documentView(stored, now);
  }

  /** The document a corrigendum's or revision's symbol names as its base. */
  async function baseOf(symbol: string): Promise<DocumentRecord | undefined> {
    const amendment = amendmentOf(symbol);
    return amendment ? documents.findBySymbol(amendment.base) : undefined;
  }
}

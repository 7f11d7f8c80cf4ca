import { countFact } from '../../shared/business-metrics';
import { newId } from '../../shared/record-ids';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import { today } from '../core/dates';
import { deadlinesFor, submissionFlags } from '../core/deadlines';
import { type DocumentRecord, type DocumentView, FINAL, type LanguageVersion, defaultTargets } from '../core/document';
import type { Language } from '../core/language';
import type { DocumentSubmission } from '../core/submission';
import type { Clock, DocumentPipeline } from './ports';
import { documentView } from './views';

interface SubmissionPorts {
  documents: Pick<DocumentStore, 'getDocument' | 'reserveSymbol' | 'insertDocument'>;
  pipeline: DocumentPipeline;
  clock: Clock;
}

/** What the pipeline execution starts from. */
export interface PipelineInput {
  documentId: string;
  targetLanguages: Language[];
}

/**
 * Records the document and starts its pipeline: symbol guard, document, StartExecution (named
 * after the document). With an Idempotency-Key the id is derived from the caller-scoped key, so
 * a replay after a crash anywhere in between meets the same guard, the same document and the
 * same execution, finishes what was left undone and answers the document: never a 409 for its
 * own symbol. Without a key, a pipeline that could not be started is started by the reconciler.
 */
export function makeSubmitDocument({ documents, pipeline, clock }: SubmissionPorts) {
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
    const targetLanguages = submission.targetLanguages ?? defaultTargets(submission.originalLanguage);
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
      storedFlags: submissionFlags({ submittedOn: today(now), deadlines, wordCount: submission.wordCount, origin: submission.origin, wordLimitWaived }),
      submittedBy: caller.subject,
      createdAt: at,
      updatedAt: at,
    };
    await documents.reserveSymbol(submission.symbol, id);
    if (!(await documents.insertDocument(record))) {
      const stored = await documents.getDocument(id, { consistent: true });
      if (stored) return resume(stored, now);
    }
    countFact('DocumentSubmitted', { documentId: id });
    await startPipeline(record);
    return documentView(record, now);
  };

  /** A replay: the document is there; its pipeline is started unless it was (or the document is over). */
  async function resume(stored: DocumentRecord, now: Date): Promise<DocumentView> {
    if (!FINAL.includes(stored.status)) await startPipeline(stored);
    return documentView(stored, now);
  }
}

import { randomUUID } from 'node:crypto';
import { countFact } from '../../shared/business-metrics';
import type { DomainEvents } from '../../shared/domain-events';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import { today } from '../core/dates';
import { deadlinesFor, submissionFlags } from '../core/deadlines';
import { type DocumentRecord, type DocumentView, type LanguageVersion, defaultTargets } from '../core/document';
import type { Language } from '../core/language';
import type { DocumentSubmission } from '../core/submission';
import { documentFailed, documentSubmitted } from '../events';
import type { Clock, DocumentPipeline } from './ports';
import { documentView } from './views';

interface SubmissionPorts {
  documents: Pick<DocumentStore, 'reserveSymbol' | 'insertDocument' | 'changeDocument' | 'releaseSymbol'>;
  pipeline: DocumentPipeline;
  events: DomainEvents;
  clock: Clock;
}

/** What the pipeline execution starts from. */
export interface PipelineInput {
  documentId: string;
  targetLanguages: Language[];
}

/**
 * Records the document and starts its pipeline: three synchronous calls (symbol guard,
 * document, StartExecution). The "submitted" history event is derived from the document.
 */
export function makeSubmitDocument({ documents, pipeline, events, clock }: SubmissionPorts) {
  return async (caller: Caller, submission: DocumentSubmission): Promise<DocumentView> => {
    const now = clock();
    const id = randomUUID();
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
    await documents.insertDocument(record);
    try {
      const input: PipelineInput = { documentId: id, targetLanguages };
      await pipeline.start(id, input);
    } catch (error) {
      // Without a pipeline the document would wait forever: mark it failed and free its symbol.
      const failureReason = 'The pipeline could not be started';
      await documents.changeDocument(id, { status: 'failed', set: { failureReason }, at });
      countFact('DocumentFailed', { documentId: id });
      await events.publish(documentFailed({ ...record, status: 'failed', failureReason }, failureReason), { fresh: true });
      await documents.releaseSymbol(submission.symbol, id);
      throw error;
    }
    // A new id on every call: a replay with the same Idempotency-Key is answered before this runs.
    countFact('DocumentSubmitted', { documentId: id });
    await events.publish(documentSubmitted(record), { fresh: true });
    return documentView(record, now);
  };
}

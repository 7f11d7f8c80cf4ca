import { randomUUID } from 'node:crypto';
import { countFact } from '../../shared/business-metrics';
import { startExecution } from '../../shared/aws/workflow';
import { requireEnv } from '../../shared/config';
import type { Caller } from '../../shared/roles';
import { changeDocument, insertDocument, releaseSymbol, reserveSymbol } from '../adapters/document-store';
import { today } from '../core/dates';
import { deadlinesFor, submissionFlags } from '../core/deadlines';
import { type DocumentRecord, type DocumentView, type LanguageVersion, defaultTargets } from '../core/document';
import type { Language } from '../core/language';
import type { DocumentSubmission } from '../core/submission';
import { documentView } from './views';

const PIPELINE_ARN = requireEnv('DOCUMENT_PIPELINE_ARN');

/** What the pipeline execution starts from. */
export interface PipelineInput {
  documentId: string;
  targetLanguages: Language[];
}

/**
 * Records the document and starts its pipeline: three synchronous calls (symbol guard,
 * document, StartExecution). The "submitted" history event is derived from the document.
 */
export async function submitDocument(caller: Caller, submission: DocumentSubmission, now: Date): Promise<DocumentView> {
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
  await reserveSymbol(submission.symbol, id);
  await insertDocument(record);
  try {
    const input: PipelineInput = { documentId: id, targetLanguages };
    await startExecution(PIPELINE_ARN, id, input);
  } catch (error) {
    // Without a pipeline the document would wait forever: mark it failed and free its symbol.
    await changeDocument(id, { status: 'failed', set: { failureReason: 'The pipeline could not be started' }, at });
    countFact('DocumentFailed', { documentId: id });
    await releaseSymbol(submission.symbol, id);
    throw error;
  }
  // A new id on every call: a replay with the same Idempotency-Key is answered before this runs.
  countFact('DocumentSubmitted', { documentId: id });
  return documentView(record, now);
}

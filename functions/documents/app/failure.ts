import { countFact } from '../../shared/business-metrics';
import { changeDocument, getDocument, recordEvent, releaseSymbol } from '../adapters/document-store';
import { WORKFLOW_ACTOR } from '../core/history';
import { closeOpenWork } from './close-work';

const FAILABLE = ['in-translation', 'in-editing', 'published', 'printing'] as const;

/** Workflow step after an uncaught error: the document is failed, says why, and frees its symbol. */
export async function markDocumentFailed(documentId: string, failure: { Error?: string; Cause?: string }, now: Date): Promise<void> {
  const at = now.toISOString();
  const reason = `${failure.Error ?? 'Error'}: ${(failure.Cause ?? 'unknown cause').slice(0, 1000)}`;
  const failed = await changeDocument(documentId, { from: FAILABLE, status: 'failed', set: { failureReason: reason }, at });
  if (failed) {
    await recordEvent(documentId, 'failed', { at, event: 'failed', actor: WORKFLOW_ACTOR, detail: reason });
    countFact('DocumentFailed', { documentId });
  }
  await closeOpenWork(documentId, 'document failed', at);
  const document = failed ?? (await getDocument(documentId));
  if (document?.status === 'failed') await releaseSymbol(document.symbol, documentId);
}

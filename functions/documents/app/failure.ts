import { countFact } from '../../shared/business-metrics';
import type { DomainEvents } from '../../shared/domain-events';
import type { DocumentStore } from '../adapters/document-store';
import { WORKFLOW_ACTOR } from '../core/history';
import { documentFailed } from '../events';
import type { CloseOpenWork } from './close-work';
import type { Clock } from './ports';

interface FailurePorts {
  documents: Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent' | 'releaseSymbol'>;
  closeOpenWork: CloseOpenWork;
  events: DomainEvents;
  clock: Clock;
}

/** Workflow step after an uncaught error: the document is failed, says why, and frees its symbol. */
export function makeMarkDocumentFailed({ documents, closeOpenWork, events, clock }: FailurePorts) {
  return async (documentId: string, failure: { Error?: string; Cause?: string }): Promise<void> => {
    const at = clock().toISOString();
    const reason = `${failure.Error ?? 'Error'}: ${(failure.Cause ?? 'unknown cause').slice(0, 1000)}`;
    const failed = await documents.changeDocument(documentId, { move: 'fail', set: { failureReason: reason }, at });
    if (failed) {
      await documents.recordEvent(documentId, 'failed', { at, event: 'failed', actor: WORKFLOW_ACTOR, detail: reason });
      countFact('DocumentFailed', { documentId });
    }
    await closeOpenWork(documentId, 'document failed', at);
    const document = failed ?? (await documents.getDocument(documentId, { consistent: true }));
    if (document?.status === 'failed') {
      await documents.releaseSymbol(document.symbol, documentId);
      await events.publish(documentFailed(document, document.failureReason ?? reason));
    }
  };
}

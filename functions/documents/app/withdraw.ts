import { countFact } from '../../shared/business-metrics';
import { Conflict, NotFound } from '../../shared/errors';
import type { DomainEvents } from '../../shared/domain-events';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import type { DocumentView } from '../core/document';
import { WITHDRAWABLE } from '../core/lifecycle';
import { documentWithdrawn } from '../events';
import type { CloseOpenWork } from './close-work';
import type { Clock, DocumentPipeline } from './ports';
import { documentView } from './views';

interface WithdrawalPorts {
  documents: Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent' | 'releaseSymbol'>;
  pipeline: DocumentPipeline;
  closeOpenWork: CloseOpenWork;
  events: DomainEvents;
  clock: Clock;
}

/**
 * Withdraws a document: status first (so late callbacks are refused), then the execution,
 * the open work and the symbol. Withdrawing again finishes whatever a crash left undone.
 */
export function makeWithdrawDocument({ documents, pipeline, closeOpenWork, events, clock }: WithdrawalPorts) {
  return async (caller: Caller, id: string, reason: string | undefined): Promise<DocumentView> => {
    const now = clock();
    const at = now.toISOString();
    const current = await documents.getDocument(id, { consistent: true });
    if (!current) throw new NotFound(`No document ${id}`);
    let record = current;
    if (current.status !== 'withdrawn') {
      if (!WITHDRAWABLE.includes(current.status)) throw new Conflict(`A ${current.status} document cannot be withdrawn`);
      const changed = await documents.changeDocument(id, { move: 'withdraw', at });
      if (!changed) throw new Conflict('The document changed status meanwhile; read it again');
      record = changed;
      await documents.recordEvent(id, 'withdrawn', { at, event: 'withdrawn', actor: caller.subject, ...(reason ? { detail: reason } : {}) });
      countFact('DocumentWithdrawn', { documentId: id });
    }
    await pipeline.stop(id, 'Document withdrawn');
    await closeOpenWork(id, 'document withdrawn', at);
    await documents.releaseSymbol(record.symbol, id);
    await events.publish(documentWithdrawn(record, reason));
    return documentView(record, now);
  };
}

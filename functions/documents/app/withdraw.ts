import { countFact } from '../../shared/business-metrics';
import { Conflict, NotFound } from '../../shared/errors';
import type { DomainEvents } from '../../shared/domain-events';
import type { Caller } from '../../shared/roles';
import type { DocumentStore } from '../adapters/document-store';
import type { DocumentRecord, DocumentView } from '../core/document';
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

/** What a withdrawal does after the document's status: each part is idempotent, so finishing again after a crash is safe. */
export type FinishWithdrawal = (record: DocumentRecord, reason: string | undefined, at: string) => Promise<void>;

/** The execution, the open work, the symbol and the announcement, in that order (the withdrawal's and the reconciler's). */
export function makeFinishWithdrawal({ documents, pipeline, closeOpenWork, events }: Omit<WithdrawalPorts, 'clock' | 'documents'> & { documents: Pick<DocumentStore, 'releaseSymbol'> }): FinishWithdrawal {
  return async (record, reason, at) => {
    await pipeline.stop(record.id, 'Document withdrawn');
    await closeOpenWork(record.id, 'document withdrawn', at);
    await documents.releaseSymbol(record.symbol, record.id);
    await events.publish(documentWithdrawn(record, reason));
  };
}

/**
 * Withdraws a document: status first (so late callbacks are refused), then the execution,
 * the open work and the symbol. Withdrawing again finishes whatever a crash left undone, and so
 * does the reconciler when it finds the withdrawn document's execution still running.
 */
export function makeWithdrawDocument(ports: WithdrawalPorts) {
  const { documents, clock } = ports;
  const finishWithdrawal = makeFinishWithdrawal(ports);
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
    await finishWithdrawal(record, reason, at);
    return documentView(record, now);
  };
}

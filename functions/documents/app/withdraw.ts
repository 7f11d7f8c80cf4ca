import { countFact } from '../../shared/business-metrics';
import { stopExecution } from '../../shared/aws/workflow';
import { requireEnv } from '../../shared/config';
import { Conflict, NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { changeDocument, getDocument, recordEvent, releaseSymbol } from '../adapters/document-store';
import { type DocumentView, WITHDRAWABLE } from '../core/document';
import { closeOpenWork } from './close-work';
import { documentView, executionArnFor } from './views';

const PIPELINE_ARN = requireEnv('DOCUMENT_PIPELINE_ARN');

/**
 * Withdraws a document: status first (so late callbacks are refused), then the execution,
 * the open work and the symbol. Withdrawing again finishes whatever a crash left undone.
 */
export async function withdrawDocument(caller: Caller, id: string, reason: string | undefined, now: Date): Promise<DocumentView> {
  const at = now.toISOString();
  const current = await getDocument(id);
  if (!current) throw new NotFound(`No document ${id}`);
  let record = current;
  if (current.status !== 'withdrawn') {
    if (!WITHDRAWABLE.includes(current.status)) throw new Conflict(`A ${current.status} document cannot be withdrawn`);
    const changed = await changeDocument(id, { from: WITHDRAWABLE, status: 'withdrawn', at });
    if (!changed) throw new Conflict('The document changed status meanwhile; read it again');
    record = changed;
    await recordEvent(id, 'withdrawn', { at, event: 'withdrawn', actor: caller.subject, ...(reason ? { detail: reason } : {}) });
    countFact('DocumentWithdrawn', { documentId: id });
  }
  await stopExecution(executionArnFor(PIPELINE_ARN, id), 'Document withdrawn');
  await closeOpenWork(id, 'document withdrawn', at);
  await releaseSymbol(record.symbol, id);
  return documentView(record, now);
}

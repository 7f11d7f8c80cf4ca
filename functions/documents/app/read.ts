import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import { getDocument, type DocumentFilter, listDocuments, readHistory } from '../adapters/document-store';
import type { DocumentView } from '../core/document';
import type { HistoryEvent } from '../core/history';
import { documentView } from './views';

export async function readDocument(id: string, now: Date): Promise<DocumentView> {
  const record = await getDocument(id);
  if (!record) throw new NotFound(`No document ${id}`);
  return documentView(record, now);
}

export async function findDocuments(filter: DocumentFilter, limit: number, cursor: string | undefined, now: Date): Promise<Page<DocumentView>> {
  const page = await listDocuments(filter, limit, cursor);
  return { items: page.items.map((record) => documentView(record, now)), nextCursor: page.nextCursor };
}

/** Oldest first; the submission itself is read from the document rather than stored twice. */
export async function documentHistory(id: string): Promise<HistoryEvent[]> {
  const [record, events] = await Promise.all([getDocument(id), readHistory(id)]);
  if (!record) throw new NotFound(`No document ${id}`);
  const submitted: HistoryEvent = {
    at: record.createdAt,
    event: 'submitted',
    actor: record.submittedBy,
    detail: `${record.symbol}: ${record.targetLanguages.length} target languages`,
  };
  return [submitted, ...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

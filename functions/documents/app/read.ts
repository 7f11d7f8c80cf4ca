import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import type { DocumentFilter, DocumentStore } from '../adapters/document-store';
import type { DocumentView } from '../core/document';
import type { HistoryEvent } from '../core/history';
import type { Clock } from './ports';
import { documentView } from './views';

interface ReadPorts {
  documents: Pick<DocumentStore, 'getDocument' | 'listDocuments' | 'readHistory'>;
  clock: Clock;
}

/** What clients read of documents: the views carry today's flags, hence the clock. */
export function makeDocumentReads({ documents, clock }: ReadPorts) {
  async function readDocument(id: string): Promise<DocumentView> {
    const record = await documents.getDocument(id);
    if (!record) throw new NotFound(`No document ${id}`);
    return documentView(record, clock());
  }

  async function findDocuments(filter: DocumentFilter, limit: number, cursor: string | undefined): Promise<Page<DocumentView>> {
    const page = await documents.listDocuments(filter, limit, cursor);
    const now = clock();
    return { items: page.items.map((record) => documentView(record, now)), nextCursor: page.nextCursor };
  }

  /** Oldest first; the submission itself is read from the document rather than stored twice. */
  async function documentHistory(id: string): Promise<HistoryEvent[]> {
    const [record, events] = await Promise.all([documents.getDocument(id), documents.readHistory(id)]);
    if (!record) throw new NotFound(`No document ${id}`);
    const submitted: HistoryEvent = {
      at: record.createdAt,
      event: 'submitted',
      actor: record.submittedBy,
      detail: `${record.symbol}: ${record.targetLanguages.length} target languages`,
    };
    return [submitted, ...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  return { readDocument, findDocuments, documentHistory };
}

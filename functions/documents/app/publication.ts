import { countFact } from '../../shared/business-metrics';
import type { Page } from '../../shared/aws/paging';
import type { DomainEvents } from '../../shared/domain-events';
import { NotFound } from '../../shared/errors';
import type { DocumentStore } from '../adapters/document-store';
import type { DocumentRecord, LanguageVersion } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import type { Language } from '../core/language';
import { documentPublished } from '../events';
import type { Clock } from './ports';

/** Not every language approved: the workflow reached publication in a state it should not have. */
export class NotReadyForPublication extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReadyForPublication';
  }
}

const PUBLISHED: readonly DocumentRecord['status'][] = ['published', 'printing', 'completed'];

/**
 * Workflow step: every language version goes out at once (parliamentary documents are issued
 * simultaneously). Without a print run the document is completed at the same moment.
 */
export function makePublishDocument({ documents, events, clock }: { documents: Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent'>; events: DomainEvents; clock: Clock }) {
  return async (documentId: string): Promise<{ printRun: boolean }> => {
    const now = clock();
    const document = await documents.getDocument(documentId);
    if (!document) throw new NotFound(`No document ${documentId}`);
    const printRun = document.printRun !== undefined;
    if (PUBLISHED.includes(document.status)) {
      // Run again (a retry after a crash): the announcement may be what the first run did not finish.
      await events.publish(documentPublished(document));
      return { printRun };
    }
    const notApproved = document.targetLanguages.filter((language) => document.languages[language]?.status !== 'approved');
    if (notApproved.length > 0) throw new NotReadyForPublication(`Languages not approved: ${notApproved.join(', ')}`);
    const at = now.toISOString();
    const languages: Partial<Record<Language, LanguageVersion>> = {};
    for (const language of document.targetLanguages) languages[language] = { ...document.languages[language], status: 'published' };
    const published = await documents.changeDocument(documentId, {
      from: ['in-editing'],
      status: printRun ? 'published' : 'completed',
      languages,
      set: { publishedAt: at, publishedKind: 'published', ...(document.session ? { publishedSession: document.session.code } : {}) },
      at,
    });
    if (published) {
      await documents.recordEvent(documentId, 'published', { at, event: 'published', actor: WORKFLOW_ACTOR, detail: `${Object.keys(published.languages).length} languages` });
      if (!printRun) await documents.recordEvent(documentId, 'completed', { at, event: 'completed', actor: WORKFLOW_ACTOR, detail: 'no print run' });
      countFact('DocumentPublished', { documentId });
      await events.publish(documentPublished(published), { fresh: true });
    }
    return { printRun };
  };
}

export interface PublicationView {
  documentId: string;
  symbol: string;
  title: string;
  session?: string;
  publishedAt: string;
  languages: Partial<Record<Language, { uri: string | null }>>;
}

export function makeFindPublications({ documents }: { documents: Pick<DocumentStore, 'listPublished'> }) {
  return async (session: string | undefined, limit: number, cursor: string | undefined): Promise<Page<PublicationView>> => {
    const page = await documents.listPublished(session, limit, cursor);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((document) => ({
        documentId: document.id,
        symbol: document.symbol,
        title: document.title,
        ...(document.session ? { session: document.session.code } : {}),
        publishedAt: document.publishedAt ?? document.updatedAt,
        languages: Object.fromEntries(Object.entries(document.languages).map(([language, version]) => [language, { uri: version.uri ?? null }])),
      })),
    };
  };
}

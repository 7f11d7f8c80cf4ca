import { countFact } from '../../shared/business-metrics';
import type { Page } from '../../shared/aws/paging';
import type { DomainEvents } from '../../shared/domain-events';
import { NotFound } from '../../shared/errors';
import type { DocumentStore } from '../adapters/document-store';
import type { Corrigendum, DocumentLink, DocumentRecord, LanguageVersion } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import { LANGUAGE_MOVES, publicationMove } from '../core/lifecycle';
import type { Language } from '../core/language';
import { documentPublished } from '../events';
import { amendmentOf } from '../core/symbol';
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
export function makePublishDocument({ documents, events, clock }: { documents: Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent' | 'addCorrigendum'>; events: DomainEvents; clock: Clock }) {
  /**
   * A published corrigendum is listed under its base; a published revision supersedes it.
   * Each write is harmless to repeat, so a retried step (which finds the document published
   * already) completes what a crash interrupted.
   */
  async function amendBase(document: DocumentRecord, at: string): Promise<void> {
    if (document.corrects) {
      const languages = [document.originalLanguage, ...document.targetLanguages];
      await documents.addCorrigendum(document.corrects.documentId, document.id, { symbol: document.symbol, languages });
    }
    if (document.revises) {
      const supersededBy = { documentId: document.id, symbol: document.symbol };
      const superseded = await documents.changeDocument(document.revises.documentId, { move: 'supersede', set: { supersededBy }, at });
      if (superseded) await documents.recordEvent(document.revises.documentId, `superseded#${document.id}`, { at, event: 'superseded', actor: WORKFLOW_ACTOR, detail: `by ${document.symbol}` });
    }
  }

  return async (documentId: string): Promise<{ printRun: boolean }> => {
    const now = clock();
    // Consistent: right after the last approval, a stale read would see a language not yet approved and fail the document for good.
    const document = await documents.getDocument(documentId, { consistent: true });
    if (!document) throw new NotFound(`No document ${documentId}`);
    const printRun = document.printRun !== undefined;
    if (PUBLISHED.includes(document.status)) {
      await amendBase(document, document.publishedAt ?? now.toISOString());
      // Run again (a retry after a crash): the announcement may be what the first run did not finish.
      await events.publish(documentPublished(document));
      return { printRun };
    }
    const notApproved = document.targetLanguages.filter((language) => document.languages[language]?.status !== 'approved');
    if (notApproved.length > 0) throw new NotReadyForPublication(`Languages not approved: ${notApproved.join(', ')}`);
    const at = now.toISOString();
    const languages: Partial<Record<Language, LanguageVersion>> = {};
    for (const language of document.targetLanguages) languages[language] = { ...document.languages[language], status: LANGUAGE_MOVES.publish.to };
    const published = await documents.changeDocument(documentId, {
      // A corrigendum of its original alone has no language to edit: it is published from translation.
      move: publicationMove(document),
      languages,
      set: { publishedAt: at, publishedKind: 'published', ...(document.session ? { publishedSession: document.session.code } : {}) },
      at,
    });
    if (published) {
      await documents.recordEvent(documentId, 'published', { at, event: 'published', actor: WORKFLOW_ACTOR, detail: `${Object.keys(published.languages).length} languages` });
      if (!printRun) await documents.recordEvent(documentId, 'completed', { at, event: 'completed', actor: WORKFLOW_ACTOR, detail: 'no print run' });
      countFact('DocumentPublished', { documentId });
      await amendBase(published, at);
      await events.publish(documentPublished(published));
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
  corrects?: DocumentLink;
  revises?: DocumentLink;
  corrigenda?: Corrigendum[];
  supersededBy?: DocumentLink;
}

/** Corr.2 after Corr.1, Corr.10 after Corr.9. */
const byNumber = (a: Corrigendum, b: Corrigendum) => (amendmentOf(a.symbol)?.number ?? 0) - (amendmentOf(b.symbol)?.number ?? 0) || (a.symbol < b.symbol ? -1 : 1);

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
        ...(document.corrects ? { corrects: document.corrects } : {}),
        ...(document.revises ? { revises: document.revises } : {}),
        ...(document.corrigenda ? { corrigenda: Object.values(document.corrigenda).sort(byNumber) } : {}),
        ...(document.supersededBy ? { supersededBy: document.supersededBy } : {}),
      })),
    };
  };
}

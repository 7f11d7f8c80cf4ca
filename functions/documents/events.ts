import * as z from 'zod';
import { type DomainEvent, eventId } from '../shared/domain-events';
import type { DocumentRecord } from './core/document';
import { Language } from './core/language';

/**
 * The documentation chain's domain events, as other systems receive them on the bus: each
 * `detail` carries `eventId` (the fact's identity: the same on a repeat) and the document's id.
 */
const common = {
  eventId: z.string().describe('The fact\'s identity, `<event>:<documentId>`: a repeat carries the same'),
  documentId: z.string(),
  symbol: z.string(),
};

export const DocumentSubmittedDetail = z
  .strictObject({
    ...common,
    title: z.string(),
    category: z.string(),
    session: z.string().optional().describe('Session code'),
    originalLanguage: Language,
    targetLanguages: z.array(Language),
    wordCount: z.int(),
    submittedAt: z.string(),
  })
  .meta({ id: 'DocumentSubmittedEvent', description: 'A document was submitted; its translation jobs open.' });

export const DocumentPublishedDetail = z
  .strictObject({ ...common, session: z.string().optional(), languages: z.array(Language), publishedAt: z.string() })
  .meta({ id: 'DocumentPublishedEvent', description: 'Every language version of a document was published at once.' });

export const DocumentWithdrawnDetail = z
  .strictObject({ ...common, withdrawnAt: z.string(), reason: z.string().optional() })
  .meta({ id: 'DocumentWithdrawnEvent', description: 'A document was withdrawn before publication; its open work closed.' });

export const DocumentFailedDetail = z
  .strictObject({ ...common, failedAt: z.string(), reason: z.string() })
  .meta({ id: 'DocumentFailedEvent', description: 'A document could not go through the chain; its history says why.' });

export const DOCUMENT_EVENTS = {
  DocumentSubmitted: DocumentSubmittedDetail,
  DocumentPublished: DocumentPublishedDetail,
  DocumentWithdrawn: DocumentWithdrawnDetail,
  DocumentFailed: DocumentFailedDetail,
} as const;

type DocumentEventType = keyof typeof DOCUMENT_EVENTS;
type Detail<T extends DocumentEventType> = Omit<z.input<(typeof DOCUMENT_EVENTS)[T]>, 'eventId'>;

function documentEvent<T extends DocumentEventType>(type: T, time: string, detail: Detail<T>): DomainEvent<T> {
  return { type, id: eventId(type, detail.documentId), time, detail };
}

const ids = (document: DocumentRecord) => ({ documentId: document.id, symbol: document.symbol });

export const documentSubmitted = (document: DocumentRecord) =>
  documentEvent('DocumentSubmitted', document.createdAt, {
    ...ids(document),
    title: document.title,
    category: document.category,
    ...(document.session ? { session: document.session.code } : {}),
    originalLanguage: document.originalLanguage,
    targetLanguages: document.targetLanguages,
    wordCount: document.wordCount,
    submittedAt: document.createdAt,
  });

export const documentPublished = (document: DocumentRecord) => {
  const publishedAt = document.publishedAt ?? document.updatedAt;
  return documentEvent('DocumentPublished', publishedAt, {
    ...ids(document),
    ...(document.session ? { session: document.session.code } : {}),
    languages: Object.keys(document.languages) as Language[],
    publishedAt,
  });
};

export const documentWithdrawn = (document: DocumentRecord, reason: string | undefined) =>
  documentEvent('DocumentWithdrawn', document.updatedAt, { ...ids(document), withdrawnAt: document.updatedAt, ...(reason ? { reason } : {}) });

export const documentFailed = (document: DocumentRecord, reason: string) =>
  documentEvent('DocumentFailed', document.updatedAt, { ...ids(document), failedAt: document.updatedAt, reason });

import * as z from 'zod';
import { type DomainEvent, eventId } from '../shared/domain-events';
import type { IssuanceRiskChange } from './app/ports';
import type { DocumentRecord } from './core/document';
import { Language } from './core/language';
import { Risk } from './core/risk-level';

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

export const IssuanceRiskChangedDetail = z
  .strictObject({
    eventId: z.string().describe('The fact\'s identity, `IssuanceRiskChanged:<changeId>`: a repeat carries the same'),
    changeId: z.string().describe('`<documentId>#issuance-risk#<n>#<to>`: the n-th change of the document\'s risk'),
    documentId: z.string(),
    symbol: z.string(),
    session: z.string().optional().describe('Session code'),
    from: Risk.nullable().describe('The risk before; `null` on the document\'s first assessment'),
    to: Risk,
    reasons: z.array(z.string()).describe('Readable sentences naming the deadline or the language'),
    assessedOn: z.iso.date(),
    changedAt: z.string(),
  })
  .meta({ id: 'IssuanceRiskChangedEvent', description: 'The daily review found that a document\'s issuance risk changed (late, at-risk, on-track, done).' });

export const DOCUMENT_EVENTS = {
  DocumentSubmitted: DocumentSubmittedDetail,
  DocumentPublished: DocumentPublishedDetail,
  DocumentWithdrawn: DocumentWithdrawnDetail,
  DocumentFailed: DocumentFailedDetail,
  IssuanceRiskChanged: IssuanceRiskChangedDetail,
} as const;

type DocumentEventType = keyof typeof DOCUMENT_EVENTS;
type Detail<T extends DocumentEventType> = Omit<z.input<(typeof DOCUMENT_EVENTS)[T]>, 'eventId'>;

function documentEvent<T extends DocumentEventType>(type: T, time: string, detail: Detail<T>, ...parts: string[]): DomainEvent<T> {
  return { type, id: eventId(type, ...(parts.length > 0 ? parts : [detail.documentId])), time, detail };
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

/** One change of risk, identified by its changeId: the same change found again by a rerun is the same event. */
export const issuanceRiskChanged = (change: IssuanceRiskChange) =>
  documentEvent(
    'IssuanceRiskChanged',
    change.at,
    {
      changeId: change.changeId,
      documentId: change.documentId,
      symbol: change.symbol,
      ...(change.session ? { session: change.session } : {}),
      from: change.from,
      to: change.to,
      reasons: change.reasons,
      assessedOn: change.assessedOn,
      changedAt: change.at,
    },
    change.changeId,
  );

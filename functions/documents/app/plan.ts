import { NotFound } from '../../shared/errors';
import type { DocumentStore } from '../adapters/document-store';
import type { SessionStore } from '../adapters/session-store';
import type { WorkItemStore } from '../adapters/work-item-store';
import { today } from '../core/dates';
import type { DocumentRecord } from '../core/document';
import { FINAL } from '../core/lifecycle';
import { type OpenTranslation, type SessionPlan, sessionPlan } from '../core/plan';
import type { TranslationJob } from '../core/work-items';
import type { Capacity } from '../core/workload';
import type { Clock } from './ports';

export interface PlanPorts {
  sessions: Pick<SessionStore, 'getSession' | 'allSlots'>;
  documents: Pick<DocumentStore, 'sessionDocuments'>;
  translationJobs: Pick<WorkItemStore<TranslationJob>, 'forDocument'>;
  capacity: Capacity;
  clock: Clock;
}

const PUBLISHED: readonly DocumentRecord['status'][] = ['published', 'printing'];

/** The open translation jobs of a document still in the chain (none once published or closed). */
export async function openTranslationsOf(jobs: PlanPorts['translationJobs'], document: DocumentRecord): Promise<OpenTranslation[]> {
  if (FINAL.includes(document.status) || PUBLISHED.includes(document.status)) return [];
  return (await jobs.forDocument(document.id))
    .filter((job) => job.status === 'open')
    .map((job) => ({ language: job.targetLanguage, wordCount: job.wordCount, dueBy: job.dueBy }));
}

export function makeSessionPlan({ sessions, documents, translationJobs, capacity, clock }: PlanPorts) {
  return async (code: string): Promise<SessionPlan> => {
    const [session, slots, records] = await Promise.all([sessions.getSession(code), sessions.allSlots(code), documents.sessionDocuments(code)]);
    if (!session) throw new NotFound(`No session ${code}`);
    const open = await Promise.all(records.map(async (document) => [document.id, await openTranslationsOf(translationJobs, document)] as const));
    return sessionPlan({ session, slots, documents: records, openTranslations: new Map(open), capacity, today: today(clock()) });
  };
}

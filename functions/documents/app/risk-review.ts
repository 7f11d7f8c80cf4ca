import type { DocumentStore } from '../adapters/document-store';
import { today } from '../core/dates';
import type { DocumentRecord } from '../core/document';
import { WORKFLOW_ACTOR } from '../core/history';
import { documentAssessment } from '../core/plan';
import { type PlanPorts, openTranslationsOf } from './plan';
import type { Clock, IssuanceRiskChange, RiskEvents } from './ports';

export interface RiskReviewPorts {
  documents: Pick<DocumentStore, 'listDocuments' | 'recordEvent' | 'recordIssuanceRisk'>;
  translationJobs: PlanPorts['translationJobs'];
  events: RiskEvents;
  clock: Clock;
}

/**
 * Scheduled daily: assesses every document not yet done and, where its risk changed since
 * the last review, records the change in its history and announces it. Idempotent: the n-th
 * change has a fixed history key and event id, and is counted only while the stored
 * assessment is still the (n-1)-th, so a rerun or a retried run records nothing twice.
 */
export function makeReviewIssuanceRisk({ documents, translationJobs, events, clock }: RiskReviewPorts) {
  async function review(document: DocumentRecord, now: Date): Promise<boolean> {
    const previous = document.issuanceRisk;
    if (previous?.risk === 'done') return false;
    const on = today(now);
    const assessment = documentAssessment(document, await openTranslationsOf(translationJobs, document), on);
    if (previous?.risk === assessment.risk) return false;
    const changes = (previous?.changes ?? 0) + 1;
    const at = now.toISOString();
    const change: IssuanceRiskChange = {
      changeId: `${document.id}#issuance-risk#${String(changes)}#${assessment.risk}`,
      documentId: document.id,
      symbol: document.symbol,
      ...(document.session ? { session: document.session.code } : {}),
      from: previous?.risk ?? null,
      to: assessment.risk,
      reasons: assessment.reasons,
      assessedOn: on,
      at,
    };
    // History first, then the event, then the stored assessment: a crash in between is made good by the next run.
    await documents.recordEvent(document.id, `issuance-risk#${String(changes)}#${assessment.risk}`, {
      at, event: 'issuance-risk-changed', actor: WORKFLOW_ACTOR, detail: `${change.from ?? 'unassessed'} → ${change.to}: ${assessment.reasons.join(' ')}`,
    });
    await events.publish(change);
    return documents.recordIssuanceRisk(document.id, assessment.risk, changes, on);
  }

  return async (): Promise<{ reviewed: number; changed: number }> => {
    const now = clock();
    let reviewed = 0;
    let changed = 0;
    let cursor: string | undefined;
    do {
      const page = await documents.listDocuments({}, 100, cursor);
      for (const document of page.items) {
        reviewed += 1;
        if (await review(document, now)) changed += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { reviewed, changed };
  };
}

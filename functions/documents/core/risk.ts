import { addDays } from './dates';
import type { DocumentStatus } from './document';
import type { Language } from './language';
import type { Risk } from './risk-level';

/**
 * Early warning: how likely a slot or a document is to miss its deadlines, and why, in
 * sentences that name the deadline or the language. Pure: the caller says what day it is.
 */

/** A slot whose manuscript is due within this many days is at risk. */
export const SLOT_AT_RISK_DAYS = 7;
/** A document whose issuance is due within this many days is at risk (as the `issuance-at-risk` flag). */
export const ISSUANCE_AT_RISK_DAYS = 14;

export const LANGUAGE_NAMES: Record<Language, string> = { ar: 'Arabic', zh: 'Chinese', en: 'English', fr: 'French', ru: 'Russian', es: 'Spanish' };

export interface Assessment {
  risk: Risk;
  reasons: string[];
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const inDays = (today: string, due: string) => {
  const days = daysBetween(today, due);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
};
const ago = (today: string, due: string) => {
  const days = daysBetween(due, today);
  return days === 1 ? 'yesterday' : `${days} days ago`;
};

/** A forecast slot: its manuscript is expected by `submissionDue`. */
export function assessSlot(submissionDue: string, today: string): Assessment {
  if (today > submissionDue) {
    return { risk: 'late', reasons: [`The manuscript was due on ${submissionDue} (${ago(today, submissionDue)}) and has not been submitted.`] };
  }
  if (today >= addDays(submissionDue, -SLOT_AT_RISK_DAYS)) {
    return { risk: 'at-risk', reasons: [`The manuscript is due on ${submissionDue}, ${inDays(today, submissionDue)}, and has not been submitted.`] };
  }
  return { risk: 'on-track', reasons: [`The manuscript is expected by ${submissionDue}.`] };
}

export interface DocumentFacts {
  status: DocumentStatus;
  issuanceDue?: string;
  publishedAt?: string;
  failureReason?: string;
  /** The translation jobs still open, with the day each is due. */
  openTranslations: { language: Language; dueBy: string }[];
}

const ISSUED: readonly DocumentStatus[] = ['published', 'printing', 'completed'];

/** A submitted document: done once published; late past its issuance date; at risk near it or when a translation is overdue. */
export function assessDocument(document: DocumentFacts, today: string): Assessment {
  if (ISSUED.includes(document.status)) {
    return { risk: 'done', reasons: [`Published${document.publishedAt ? ` on ${document.publishedAt.slice(0, 10)}` : ''} in all its languages.`] };
  }
  if (document.status === 'withdrawn') return { risk: 'done', reasons: ['Withdrawn: it will not be issued.'] };
  const due = document.issuanceDue;
  const late: string[] = [];
  const atRisk: string[] = [];
  if (due && today > due) late.push(`It was due for issuance on ${due} (${ago(today, due)}) and is not published.`);
  else if (due && today >= addDays(due, -ISSUANCE_AT_RISK_DAYS)) atRisk.push(`Issuance is due on ${due}, ${inDays(today, due)}, and it is not published.`);
  if (document.status === 'failed') atRisk.push(`The chain failed${document.failureReason ? ` (${document.failureReason})` : ''}: it must be submitted again.`);
  const overdue = [...document.openTranslations].filter((job) => today > job.dueBy).sort((a, b) => (a.language < b.language ? -1 : 1));
  for (const job of overdue) atRisk.push(`The ${LANGUAGE_NAMES[job.language]} translation was due on ${job.dueBy} (${ago(today, job.dueBy)}).`);
  if (late.length > 0) return { risk: 'late', reasons: [...late, ...atRisk] };
  if (atRisk.length > 0) return { risk: 'at-risk', reasons: atRisk };
  return { risk: 'on-track', reasons: [due ? `Issuance is due on ${due}, ${inDays(today, due)}.` : 'It has no issuance deadline.'] };
}

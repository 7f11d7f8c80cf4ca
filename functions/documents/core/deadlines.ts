import { addDays } from './dates';
import type { Deadlines, DocumentRecord, Flag } from './document';
import type { Category, Origin, Session } from './submission';

/** Weeks before the session opens (DOMAIN.md): manuscript due 10, issuance 6; in-session 3 and at opening. */
const SCHEDULE: Partial<Record<Category, { submissionDays: number; issuanceDays: number }>> = {
  'pre-session': { submissionDays: 70, issuanceDays: 42 },
  'in-session': { submissionDays: 21, issuanceDays: 0 },
};

/** Flag issuance as at risk this many days before it is due, while the document is not published. */
export const AT_RISK_DAYS = 14;

export const WORD_LIMITS: Record<Origin, number> = { secretariat: 8_500, 'member-state': 10_700, other: 10_700 };

export function deadlinesFor(category: Category, session: Session | undefined): Deadlines | undefined {
  const schedule = SCHEDULE[category];
  if (!schedule || !session) return undefined;
  return {
    submissionDue: addDays(session.startsOn, -schedule.submissionDays),
    issuanceDue: addDays(session.startsOn, -schedule.issuanceDays),
  };
}

/** Flags fixed at submission: a late manuscript stays late; an over-length one until waived. */
export function submissionFlags(input: {
  submittedOn: string;
  deadlines: Deadlines | undefined;
  wordCount: number;
  origin: Origin;
  wordLimitWaived: boolean;
}): Flag[] {
  const flags: Flag[] = [];
  if (input.deadlines && input.submittedOn > input.deadlines.submissionDue) flags.push('late-submission');
  if (input.wordCount > WORD_LIMITS[input.origin] && !input.wordLimitWaived) flags.push('over-word-limit');
  return flags;
}

const ISSUED: readonly DocumentRecord['status'][] = ['published', 'printing', 'completed', 'withdrawn', 'failed'];

/** Flags that depend on today's date are derived when read, so they never go stale. */
export function flagsOn(document: Pick<DocumentRecord, 'storedFlags' | 'deadlines' | 'status'>, today: string): Flag[] {
  const flags = [...document.storedFlags];
  const due = document.deadlines?.issuanceDue;
  if (due && !ISSUED.includes(document.status)) {
    if (today > due) flags.push('issuance-overdue');
    else if (today >= addDays(due, -AT_RISK_DAYS)) flags.push('issuance-at-risk');
  }
  return flags;
}

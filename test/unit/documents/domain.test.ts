import { addDays } from '../../../functions/documents/core/dates';
import { deadlinesFor, flagsOn, submissionFlags } from '../../../functions/documents/core/deadlines';
import { DocumentSubmission } from '../../../functions/documents/core/submission';
import { DocumentSymbol } from '../../../functions/documents/core/symbol';
import { translationDueBy, workItemId } from '../../../functions/documents/core/work-items';

describe('document symbols', () => {
  test.each(['A/AC.291/27', 'CTOC/COSP/2027/1', 'A/79/196', 'A/AC.291/27/Corr.1', 'A/AC.291/27/Add.1', 'A/AC.291/L.3/Rev.1', 'CTOC/COSP/2027/CRP.2', 'CTOC/COSP/2027/INF/1', 'E/CN.15/2027/L.3'])(
    '%s is a symbol',
    (symbol) => expect(DocumentSymbol.safeParse(symbol).success).toBe(true),
  );
  test.each(['', 'A', 'a/79/1', 'A//27', 'A/27/', '/A/27', 'A/27 1', 'A\\27', `A/${'1'.repeat(100)}`, 'A/-1', 'A/1-'])('%p is not', (symbol) =>
    expect(DocumentSymbol.safeParse(symbol).success).toBe(false),
  );
});

describe('deadlines', () => {
  test('pre-session: manuscript 10 weeks, issuance 6 weeks before the session opens', () => {
    expect(deadlinesFor('pre-session', { code: 'COSP-1', startsOn: '2027-06-01' })).toEqual({ submissionDue: '2027-03-23', issuanceDue: '2027-04-20' });
  });
  test('in-session: due about 3 weeks ahead, issued by the opening', () => {
    expect(deadlinesFor('in-session', { code: 'COSP-1', startsOn: '2027-06-01' })).toEqual({ submissionDue: '2027-05-11', issuanceDue: '2027-06-01' });
  });
  test('post-session documents and publications have none', () => {
    expect(deadlinesFor('post-session', { code: 'COSP-1', startsOn: '2027-06-01' })).toBeUndefined();
    expect(deadlinesFor('publication', undefined)).toBeUndefined();
  });
  test('dates cross month and year ends', () => {
    expect(addDays('2027-01-10', -70)).toBe('2026-11-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('flags', () => {
  const deadlines = { submissionDue: '2027-03-23', issuanceDue: '2027-04-20' };
  const base = { deadlines, wordCount: 8_500, origin: 'secretariat' as const, wordLimitWaived: false };

  test('a manuscript after its due date is a late submission', () => {
    expect(submissionFlags({ ...base, submittedOn: '2027-03-23' })).toEqual([]);
    expect(submissionFlags({ ...base, submittedOn: '2027-03-24' })).toEqual(['late-submission']);
  });
  test('word limits: 8,500 for the Secretariat, 10,700 for others, unless waived', () => {
    expect(submissionFlags({ ...base, submittedOn: '2027-01-01', wordCount: 8_501 })).toEqual(['over-word-limit']);
    expect(submissionFlags({ ...base, submittedOn: '2027-01-01', wordCount: 10_700, origin: 'member-state' })).toEqual([]);
    expect(submissionFlags({ ...base, submittedOn: '2027-01-01', wordCount: 10_701, origin: 'other' })).toEqual(['over-word-limit']);
    expect(submissionFlags({ ...base, submittedOn: '2027-01-01', wordCount: 20_000, wordLimitWaived: true })).toEqual([]);
  });
  test('issuance at risk two weeks before it is due, overdue after, never once issued', () => {
    const document = { storedFlags: [], deadlines, status: 'in-editing' as const };
    expect(flagsOn(document, '2027-04-05')).toEqual([]);
    expect(flagsOn(document, '2027-04-06')).toEqual(['issuance-at-risk']);
    expect(flagsOn(document, '2027-04-20')).toEqual(['issuance-at-risk']);
    expect(flagsOn(document, '2027-04-21')).toEqual(['issuance-overdue']);
    expect(flagsOn({ ...document, status: 'published' }, '2027-05-01')).toEqual([]);
  });
});

describe('submission', () => {
  const valid = { symbol: 'CTOC/COSP/2027/1', title: 'Report', category: 'pre-session', session: { code: 'COSP-1', startsOn: '2027-06-01' }, originalLanguage: 'en', wordCount: 100, origin: 'secretariat' };
  test('a complete submission is accepted', () => expect(DocumentSubmission.safeParse(valid).success).toBe(true));
  test('a publication needs no session', () => {
    const { session: _session, ...rest } = valid;
    expect(DocumentSubmission.safeParse({ ...rest, category: 'publication' }).success).toBe(true);
    expect(DocumentSubmission.safeParse(rest).success).toBe(false);
  });
  test('unknown fields are refused', () => expect(DocumentSubmission.safeParse({ ...valid, extra: 1 }).success).toBe(false));
});

describe('work items', () => {
  test('ids are stable for the same step and differ between steps', () => {
    expect(workItemId('tj', 'd1', 'fr', 1, 1)).toBe(workItemId('tj', 'd1', 'fr', 1, 1));
    const ids = new Set(['fr', 'es'].flatMap((language) => [1, 2].flatMap((round) => [1, 2].map((attempt) => workItemId('tj', 'd1', language, round, attempt)))));
    expect(ids.size).toBe(8);
  });
  test('a translation is due by its time limit, or a week before issuance when that is sooner', () => {
    expect(translationDueBy('2027-01-01', 21, undefined)).toBe('2027-01-22');
    expect(translationDueBy('2027-01-01', 21, '2027-01-20')).toBe('2027-01-13');
    expect(translationDueBy('2027-01-01', 21, '2027-03-01')).toBe('2027-01-22');
    // Already too late for the week before issuance: the job still gets its own time.
    expect(translationDueBy('2027-01-18', 21, '2027-01-20')).toBe('2027-02-08');
  });
});

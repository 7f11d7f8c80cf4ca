import fc from 'fast-check';
import { amendmentLink } from '../../../functions/documents/core/amendment';
import { compliance } from '../../../functions/documents/core/compliance';
import { addDays } from '../../../functions/documents/core/dates';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import { LANGUAGES } from '../../../functions/documents/core/language';
import { sessionPlan } from '../../../functions/documents/core/plan';
import { type DocumentFacts, assessDocument, assessSlot } from '../../../functions/documents/core/risk';
import { RISKS } from '../../../functions/documents/core/risk-level';
import type { SlotView } from '../../../functions/documents/core/session';
import { DocumentSubmission } from '../../../functions/documents/core/submission';
import { amendmentOf } from '../../../functions/documents/core/symbol';
import { isoWeek, workload } from '../../../functions/documents/core/workload';
import { Conflict } from '../../../functions/shared/errors';

const capacity = { ar: 10_000, zh: 10_000, en: 10_000, fr: 10_000, ru: 10_000, es: 10_000 };
const day = fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2026-01-01', offset));
const severity = (risk: string) => ['done', 'on-track', 'at-risk', 'late'].indexOf(risk);

describe('early warning for a forecast slot', () => {
  test('late after its date, at risk within 7 days of it, on track before', () => {
    expect(assessSlot('2027-03-10', '2027-03-11')).toEqual({ risk: 'late', reasons: ['The manuscript was due on 2027-03-10 (yesterday) and has not been submitted.'] });
    expect(assessSlot('2027-03-10', '2027-03-03')).toEqual({ risk: 'at-risk', reasons: ['The manuscript is due on 2027-03-10, in 7 days, and has not been submitted.'] });
    expect(assessSlot('2027-03-10', '2027-03-02').risk).toBe('on-track');
  });
});

describe('early warning for a document', () => {
  const open: DocumentFacts = { status: 'in-translation', issuanceDue: '2027-04-20', openTranslations: [] };

  test('late past its issuance date, naming it', () => {
    expect(assessDocument(open, '2027-04-23')).toEqual({ risk: 'late', reasons: ['It was due for issuance on 2027-04-20 (3 days ago) and is not published.'] });
  });
  test('at risk within 14 days of issuance', () => {
    expect(assessDocument(open, '2027-04-06')).toEqual({ risk: 'at-risk', reasons: ['Issuance is due on 2027-04-20, in 14 days, and it is not published.'] });
  });
  test('at risk when a translation is past its due date, naming the language', () => {
    const facts = { ...open, openTranslations: [{ language: 'fr' as const, dueBy: '2027-03-01' }, { language: 'ru' as const, dueBy: '2027-04-01' }] };
    expect(assessDocument(facts, '2027-03-03')).toEqual({ risk: 'at-risk', reasons: ['The French translation was due on 2027-03-01 (2 days ago).'] });
  });
  test('done once published; on track otherwise', () => {
    expect(assessDocument({ ...open, status: 'printing', publishedAt: '2027-04-02T10:00:00.000Z' }, '2027-05-01')).toEqual({ risk: 'done', reasons: ['Published on 2027-04-02 in all its languages.'] });
    expect(assessDocument(open, '2027-03-01')).toEqual({ risk: 'on-track', reasons: ['Issuance is due on 2027-04-20, in 50 days.'] });
  });

  test('property: unpublished, the risk never improves as the days pass', () => {
    const facts = fc.record({
      status: fc.constantFrom('in-translation' as const, 'in-editing' as const, 'failed' as const),
      issuanceDue: fc.option(day, { nil: undefined }),
      openTranslations: fc.array(fc.record({ language: fc.constantFrom(...LANGUAGES), dueBy: day }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(facts, day, fc.integer({ min: 1, max: 400 }), (document, today, later) => {
        const before = assessDocument(document, today);
        const after = assessDocument(document, addDays(today, later));
        expect(severity(after.risk)).toBeGreaterThanOrEqual(severity(before.risk));
      }),
    );
  });

  test('property: late exactly when unpublished past the issuance date; every reason names a date or a language', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(['in-translation', 'in-editing', 'published', 'completed'] as const)), day, day, (status, due, today) => {
        const assessment = assessDocument({ status, issuanceDue: due, openTranslations: [] }, today);
        expect(RISKS).toContain(assessment.risk);
        expect(assessment.risk === 'late').toBe(today > due && (status === 'in-translation' || status === 'in-editing'));
        expect(assessment.risk === 'done').toBe(status === 'published' || status === 'completed');
        for (const reason of assessment.reasons) if (assessment.risk !== 'done') expect(reason).toMatch(/\d{4}-\d{2}-\d{2}|Arabic|Chinese|English|French|Russian|Spanish/);
      }),
    );
  });
});

describe('weekly workload per language', () => {
  test('ISO weeks: Monday starts them, week 1 holds the first Thursday', () => {
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2027-06-01')).toBe('2027-W22');
  });

  test('sums words per language and week against capacity; overdue work counts this week', () => {
    const result = workload(
      [
        { language: 'fr', words: 6000, dueOn: '2027-03-01' },
        { language: 'fr', words: 6000, dueOn: '2027-03-03' },
        { language: 'fr', words: 2000, dueOn: '2027-03-10' },
        { language: 'ru', words: 500, dueOn: '2027-02-01' },
      ],
      capacity,
      '2027-02-15',
    );
    expect(result).toEqual({
      fr: [
        { week: '2027-W09', words: 12_000, capacity: 10_000, over: true },
        { week: '2027-W10', words: 2000, capacity: 10_000, over: false },
      ],
      ru: [{ week: '2027-W07', words: 500, capacity: 10_000, over: false }],
    });
  });

  test('property: no word is lost or counted twice', () => {
    const entry = fc.record({ language: fc.constantFrom(...LANGUAGES), words: fc.integer({ min: 1, max: 200_000 }), dueOn: day });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), day, (entries, today) => {
        const total = Object.values(workload(entries, capacity, today)).flat().reduce((sum, week) => sum + week.words, 0);
        expect(total).toBe(entries.reduce((sum, e) => sum + e.words, 0));
      }),
    );
  });
});

describe('compliance', () => {
  test('counts documents submitted by their slot date and issued by their issuance date; withdrawn ones do not count', () => {
    expect(
      compliance([
        { withdrawn: false, submittedOn: '2027-03-01', submissionDue: '2027-03-01', issuanceDue: '2027-04-20', publishedOn: '2027-04-19' },
        { withdrawn: false, submittedOn: '2027-03-05', submissionDue: '2027-03-01', issuanceDue: '2027-04-20', publishedOn: '2027-04-21' },
        { withdrawn: false, submittedOn: '2027-03-05' },
        { withdrawn: true, submittedOn: '2027-02-01', submissionDue: '2027-03-01' },
      ]),
    ).toEqual({ documents: 3, submittedOnTime: 1, issuedOnTime: 1 });
  });
});

describe('corrigenda and revisions', () => {
  const base = { id: 'base-1', symbol: 'CTOC/COSP/2027/1', status: 'completed' as const, originalLanguage: 'en' as const, targetLanguages: ['fr' as const, 'es' as const] };

  test('a Corr.N or Rev.N symbol names its base', () => {
    expect(amendmentOf('CTOC/COSP/2027/1/Corr.2')).toEqual({ kind: 'corrigendum', base: 'CTOC/COSP/2027/1', number: 2 });
    expect(amendmentOf('A/AC.291/27/Rev.1/Corr.1')).toEqual({ kind: 'corrigendum', base: 'A/AC.291/27/Rev.1', number: 1 });
    expect(amendmentOf('A/AC.291/27/Rev.1')).toEqual({ kind: 'revision', base: 'A/AC.291/27', number: 1 });
    expect(amendmentOf('A/AC.291/27/Add.1')).toBeUndefined();
    expect(amendmentOf('A/AC.291/27/Corr.0')).toBeUndefined();
  });

  test('links to a published base; defaults to the base\'s languages', () => {
    expect(amendmentLink('CTOC/COSP/2027/1/Corr.1', base, { original: 'en', targets: undefined })).toEqual({
      field: 'corrects', link: { documentId: 'base-1', symbol: 'CTOC/COSP/2027/1' }, defaultTargets: ['fr', 'es'],
    });
    expect(amendmentLink('CTOC/COSP/2027/1/Rev.1', base, { original: 'en', targets: ['ru'] })?.field).toBe('revises');
    expect(amendmentLink('CTOC/COSP/2027/2', base, { original: 'en', targets: undefined })).toBeUndefined();
  });

  test('an unknown or unpublished base, or a language it was not issued in, is a conflict naming it', () => {
    expect(() => amendmentLink('CTOC/COSP/2027/9/Corr.1', undefined, { original: 'en', targets: ['fr'] })).toThrow(new Conflict('A corrigendum needs its base document CTOC/COSP/2027/9, which is unknown'));
    expect(() => amendmentLink('CTOC/COSP/2027/1/Rev.1', { ...base, status: 'in-editing' }, { original: 'en', targets: undefined })).toThrow(/CTOC\/COSP\/2027\/1 published; it is in-editing/);
    expect(() => amendmentLink('CTOC/COSP/2027/1/Corr.1', base, { original: 'en', targets: ['ru'] })).toThrow(/not issued in ru/);
  });

  test('only a corrigendum may name no target language (a correction of the original alone)', () => {
    const body = { title: 'Corrigendum', category: 'publication', originalLanguage: 'en', wordCount: 100, origin: 'secretariat', targetLanguages: [] };
    expect(DocumentSubmission.safeParse({ ...body, symbol: 'CTOC/COSP/2027/1/Corr.1' }).success).toBe(true);
    expect(DocumentSubmission.safeParse({ ...body, symbol: 'CTOC/COSP/2027/1/Rev.1' }).success).toBe(false);
  });
});

describe('the session plan', () => {
  const session = { code: 'COSP-1', title: 'First session', startsOn: '2027-06-01', createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z' };
  const slot = (slotId: string, extra: Partial<SlotView>): SlotView => ({
    slotId, session: 'COSP-1', title: `Slot ${slotId}`, category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr', 'es'], expectedWords: 8000,
    expectedSubmissionOn: '2027-03-20', origin: 'secretariat', status: 'forecast', createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z', ...extra,
  });
  const document = (id: string, extra: Partial<DocumentRecord>): DocumentRecord => ({
    id, symbol: `CTOC/COSP/2027/${id}`, title: `Document ${id}`, category: 'pre-session', session: { code: 'COSP-1', startsOn: '2027-06-01' }, originalLanguage: 'en',
    targetLanguages: ['fr'], wordCount: 5000, origin: 'secretariat', wordLimitWaived: false, status: 'in-translation', languages: {},
    deadlines: { submissionDue: '2027-03-23', issuanceDue: '2027-04-20' }, storedFlags: [], submittedBy: 'u', createdAt: '2027-03-01T09:00:00Z', updatedAt: '2027-03-01T09:00:00Z', ...extra,
  });

  test('one item per slot and per document, a filled slot merged with its document; forecast and open work in the workload', () => {
    const plan = sessionPlan({
      session,
      slots: [slot('a', {}), slot('b', { status: 'submitted', documentId: 'd1', expectedSubmissionOn: '2027-03-02' })],
      documents: [document('d1', { slotId: 'b' }), document('d2', { status: 'completed', publishedAt: '2027-04-10T00:00:00Z' })],
      openTranslations: new Map([['d1', [{ language: 'fr' as const, wordCount: 5000, dueBy: '2027-03-10' }]]]),
      capacity,
      today: '2027-03-15',
    });
    expect(plan.items.map((item) => [item.slotId ?? null, item.documentId ?? null, item.status, item.risk])).toEqual([
      ['b', 'd1', 'in-translation', 'at-risk'],
      ['a', null, 'forecast', 'at-risk'],
      [null, 'd2', 'completed', 'done'],
    ]);
    expect(plan.items[0]).toMatchObject({ submissionDue: '2027-03-02', issuanceDue: '2027-04-20', reasons: ['The French translation was due on 2027-03-10 (5 days ago).'] });
    expect(plan.workload).toEqual({
      // 8,000 forecast words of slot a and 5,000 of d1's overdue French job, both due by this week.
      fr: [{ week: '2027-W11', words: 13_000, capacity: 10_000, over: true }],
      es: [{ week: '2027-W11', words: 8000, capacity: 10_000, over: false }],
    });
    expect(plan.compliance).toEqual({ documents: 2, submittedOnTime: 2, issuedOnTime: 1 });
  });
});

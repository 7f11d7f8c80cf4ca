import { makeReviewIssuanceRisk } from '../../../functions/documents/app/risk-review';
import type { IssuanceRiskChange } from '../../../functions/documents/app/ports';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { TranslationJob } from '../../../functions/documents/core/work-items';
import { memoryDocuments, memoryWorkItems } from './in-memory-ports';

const document = (id: string, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({
  id, symbol: `CTOC/COSP/2027/${id}`, title: 'Report', category: 'pre-session', session: { code: 'COSP-1', startsOn: '2027-06-01' }, originalLanguage: 'en',
  targetLanguages: ['fr'], wordCount: 5000, origin: 'secretariat', wordLimitWaived: false, status: 'in-translation', languages: {},
  deadlines: { submissionDue: '2027-03-23', issuanceDue: '2027-04-20' }, storedFlags: [], submittedBy: 'u', createdAt: '2027-03-01T09:00:00Z', updatedAt: '2027-03-01T09:00:00Z', ...extra,
});

/** The review over memory: the documents (with the stored assessment's condition), one day's clock, the events put. */
function reviewOn(...records: DocumentRecord[]) {
  const memory = memoryDocuments(...records);
  const published: IssuanceRiskChange[] = [];
  let now = new Date('2027-03-01T05:00:00Z');
  const review = makeReviewIssuanceRisk({
    documents: {
      ...memory,
      listDocuments: () => Promise.resolve({ items: [...memory.documents.values()].map((record) => structuredClone(record)), nextCursor: null }),
      recordIssuanceRisk(id, risk, changes, on) {
        const stored = memory.documents.get(id);
        if (!stored || (stored.issuanceRisk?.changes ?? 0) !== changes - 1) return Promise.resolve(false);
        memory.documents.set(id, { ...stored, issuanceRisk: { risk, changes, on } });
        return Promise.resolve(true);
      },
    },
    translationJobs: memoryWorkItems<TranslationJob>('jobId'),
    events: { publish: (change) => Promise.resolve(void published.push(change)) },
    clock: () => now,
  });
  return { review, memory, published, setDay: (day: string) => (now = new Date(`${day}T05:00:00Z`)) };
}

describe('the daily review of issuance risk', () => {
  test('records each change once, however often it runs, and announces it with a stable id', async () => {
    const { review, memory, published, setDay } = reviewOn(document('d1'));
    expect(await review()).toEqual({ reviewed: 1, changed: 1 });
    expect(await review()).toEqual({ reviewed: 1, changed: 0 });
    setDay('2027-04-10');
    await review();
    await review();
    setDay('2027-04-21');
    await review();
    expect(published.map((change) => [change.from, change.to])).toEqual([[null, 'on-track'], ['on-track', 'at-risk'], ['at-risk', 'late']]);
    expect(published[2]).toMatchObject({ changeId: 'd1#issuance-risk#3#late', documentId: 'd1', session: 'COSP-1', assessedOn: '2027-04-21' });
    const history = [...memory.events.values()].filter((event) => event.event === 'issuance-risk-changed');
    expect(history.map((event) => event.detail)).toEqual([
      'unassessed → on-track: Issuance is due on 2027-04-20, in 50 days.',
      'on-track → at-risk: Issuance is due on 2027-04-20, in 10 days, and it is not published.',
      'at-risk → late: It was due for issuance on 2027-04-20 (yesterday) and is not published.',
    ]);
  });

  test('two runs at once record the change once; a repeated announcement carries the same id', async () => {
    const { review, memory, published } = reviewOn(document('d3'));
    const results = await Promise.all([review(), review()]);
    expect(results.map((result) => result.changed).sort()).toEqual([0, 1]);
    expect([...memory.events.values()].filter((event) => event.event === 'issuance-risk-changed')).toHaveLength(1);
    expect(new Set(published.map((change) => change.changeId))).toEqual(new Set(['d3#issuance-risk#1#on-track']));
    expect(memory.documents.get('d3')?.issuanceRisk).toEqual({ risk: 'on-track', changes: 1, on: '2027-03-01' });
  });

  test('a document once done is not looked at again', async () => {
    const { review, published } = reviewOn(document('d2', { status: 'completed', publishedAt: '2027-02-20T00:00:00Z' }));
    await review();
    await review();
    expect(published.map((change) => change.to)).toEqual(['done']);
  });
});

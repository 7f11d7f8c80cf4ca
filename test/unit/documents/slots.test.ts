import { makeSubmitDocument } from '../../../functions/documents/app/submit';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { SessionView, SlotView } from '../../../functions/documents/core/session';
import { DocumentSubmission } from '../../../functions/documents/core/submission';
import { Conflict } from '../../../functions/shared/errors';

const now = new Date('2027-03-01T12:00:00Z');
const session: SessionView = { code: 'COSP-1', title: 'First session', startsOn: '2027-06-01', createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z' };
const forecast: SlotView = {
  slotId: 'sl-1', session: 'COSP-1', title: 'Report', category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr'], expectedWords: 5000,
  expectedSubmissionOn: '2027-03-10', origin: 'secretariat', status: 'forecast', createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z',
};
const body = DocumentSubmission.parse({
  symbol: 'CTOC/COSP/2027/1', title: 'Report', category: 'pre-session', session: { code: 'COSP-1', startsOn: '2027-06-01' },
  originalLanguage: 'en', targetLanguages: ['fr'], wordCount: 5000, origin: 'secretariat', slotId: 'sl-1',
});

/** Submission over memory: one slot, the documents written, the pipelines started. */
function submitting(slot: SlotView, existing: DocumentRecord[] = []) {
  const stored = { slot: { ...slot } };
  const documents = new Map(existing.map((document) => [document.id, document]));
  const submit = makeSubmitDocument({
    documents: {
      getDocument: (id) => Promise.resolve(documents.get(id)),
      findBySymbol: () => Promise.resolve(undefined),
      reserveSymbol: () => Promise.resolve(),
      releaseSymbol: () => Promise.resolve(),
      insertDocument(document) {
        if (documents.has(document.id)) return Promise.resolve(false);
        documents.set(document.id, document);
        return Promise.resolve(true);
      },
    },
    slots: {
      getSession: () => Promise.resolve(session),
      getSlot: () => Promise.resolve({ ...stored.slot }),
      fillSlot(_code, _slotId, documentId, at, takingOver) {
        const free = stored.slot.status === 'forecast' || (takingOver !== undefined && stored.slot.documentId === takingOver);
        if (free) stored.slot = { ...stored.slot, status: 'submitted', documentId, submittedAt: at };
        return Promise.resolve(free);
      },
    },
    pipeline: { start: () => Promise.resolve('arn'), stop: () => Promise.resolve(), status: () => Promise.resolve(undefined), running: () => Promise.resolve([]) },
    events: { publish: () => Promise.resolve(true) },
    clock: () => now,
  });
  return { submit: () => submit({ subject: 'clerk', roles: ['secretariat'] }, body), stored, documents };
}

describe('filling a slot', () => {
  test('a forecast slot becomes submitted and links to the document', async () => {
    const { submit, stored } = submitting(forecast);
    const document = await submit();
    expect(document.slotId).toBe('sl-1');
    expect(stored.slot).toMatchObject({ status: 'submitted', documentId: document.id });
  });

  test('a slot held by a document is a conflict', async () => {
    const holder = { id: 'd-0' } as DocumentRecord;
    const { submit } = submitting({ ...forecast, status: 'submitted', documentId: 'd-0', submittedAt: '2027-02-01T00:00:00Z' }, [holder]);
    await expect(submit()).rejects.toThrow(new Conflict('Slot sl-1 is already filled by document d-0'));
  });

  test('a claim left by a crashed submission (its document never written) is taken over once it is minutes old', async () => {
    const crashed = { ...forecast, status: 'submitted' as const, documentId: 'd-lost', submittedAt: '2027-03-01T11:50:00Z' };
    const { submit, stored } = submitting(crashed);
    const document = await submit();
    expect(stored.slot.documentId).toBe(document.id);
  });

  test('a claim of seconds ago may still be on its way: a conflict', async () => {
    const { submit } = submitting({ ...forecast, status: 'submitted', documentId: 'd-pending', submittedAt: '2027-03-01T11:59:58Z' });
    await expect(submit()).rejects.toThrow(Conflict);
  });

  test('a slot forecast for another symbol is a conflict', async () => {
    const { submit } = submitting({ ...forecast, symbol: 'CTOC/COSP/2027/2' });
    await expect(submit()).rejects.toThrow(new Conflict('Slot sl-1 is for symbol CTOC/COSP/2027/2, not CTOC/COSP/2027/1'));
  });
});

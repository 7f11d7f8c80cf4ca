import { makeWorkItemCallbacks } from '../../../functions/documents/app/work-item-callbacks';
import { completePrinting, completeTranslation, decideEditing, editingTaskKind, failTranslation, printJobKind, translationJobKind } from '../../../functions/documents/app/work-item-kinds';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { EditingTask, PrintJob, TranslationJob } from '../../../functions/documents/core/work-items';
import { Conflict, NotFound } from '../../../functions/shared/errors';
import type { Caller } from '../../../functions/shared/roles';
import { memoryDocuments, memoryTaskTokens, memoryWorkflow, memoryWorkItems, nextTurn } from './in-memory-ports';

const NOW = new Date('2027-03-01T09:00:00.000Z');
const translator: Caller = { subject: 'translator-1', roles: ['translator'] };
const editor: Caller = { subject: 'editor-1', roles: ['editor'] };
const printer: Caller = { subject: 'printer-1', roles: ['printer'] };

const document: DocumentRecord = {
  id: 'doc-1', symbol: 'A/AC.291/27', title: 'Report', category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr', 'es'],
  wordCount: 5000, origin: 'secretariat', wordLimitWaived: false, status: 'in-translation',
  languages: { en: { status: 'original' }, fr: { status: 'translation-requested', translationJobId: 'tj-fr' }, es: { status: 'translation-requested', translationJobId: 'tj-es' } },
  storedFlags: [], submittedBy: 'secretariat-1', createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z',
};

const job = (jobId: string, targetLanguage: 'fr' | 'es', attempt = 1): TranslationJob => ({
  jobId, documentId: 'doc-1', symbol: document.symbol, sourceLanguage: 'en', targetLanguage, wordCount: 5000, sourceUri: null,
  dueBy: '2027-03-15', status: 'open', round: 1, attempt, createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z',
});

/** A chain with one document, its work items and their waiting tasks, all in memory. */
function chain<T extends TranslationJob | EditingTask | PrintJob>(kind: Parameters<typeof makeWorkItemCallbacks<T>>[0]['kind'], idField: keyof T & string, items: T[], record = document) {
  const store = memoryWorkItems<T>(idField);
  const tokens = memoryTaskTokens();
  const workflow = memoryWorkflow();
  const documents = memoryDocuments(record);
  for (const item of items) {
    store.items.set(kind.id(item), item);
    tokens.tokens.set(kind.tokenOwner(kind.id(item)), `token-${kind.id(item)}`);
  }
  const callbacks = makeWorkItemCallbacks({ store, tokens, workflow, documents, clock: () => NOW, pause: nextTurn, kind });
  return { store, tokens, workflow, documents, callbacks };
}

describe('a translation job\'s callbacks', () => {
  test('completing it translates the language, records it once and resumes the workflow with the job\'s output', async () => {
    const { callbacks, documents, workflow } = chain(translationJobKind, 'jobId', [job('tj-fr', 'fr')]);
    const complete = callbacks.closing(completeTranslation);
    const done = await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' });
    expect(done).toMatchObject({ status: 'completed', translatedUri: 'https://files.example/fr.docx', updatedAt: NOW.toISOString() });
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translated', translationJobId: 'tj-fr', uri: 'https://files.example/fr.docx' });
    expect(documents.events.get('doc-1#translated#tj-fr')).toMatchObject({ event: 'translated', language: 'fr', actor: 'translator-1' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-tj-fr', output: { jobId: 'tj-fr', translatedUri: 'https://files.example/fr.docx' } }]);
  });

  test('completing it twice answers the same and resumes the workflow once', async () => {
    const { callbacks, workflow, documents } = chain(translationJobKind, 'jobId', [job('tj-fr', 'fr')]);
    const complete = callbacks.closing(completeTranslation);
    const first = await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' });
    const second = await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' });
    expect(second).toEqual(first);
    expect(workflow.resumed).toHaveLength(1);
    expect([...documents.events.keys()]).toEqual(['doc-1#translated#tj-fr']);
  });

  test('completing it with another translation, or failing it once completed, is a Conflict that changes nothing', async () => {
    const { callbacks, store, workflow } = chain(translationJobKind, 'jobId', [job('tj-fr', 'fr')]);
    await callbacks.closing(completeTranslation)(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' });
    await expect(callbacks.closing(completeTranslation)(translator, 'tj-fr', { translatedUri: 'https://files.example/other.docx' })).rejects.toThrow(
      new Conflict('Translation job tj-fr is completed with another translatedUri'),
    );
    await expect(callbacks.closing(failTranslation)(translator, 'tj-fr', { reason: 'too late' })).rejects.toThrow(Conflict);
    expect(store.items.get('tj-fr')?.translatedUri).toBe('https://files.example/fr.docx');
    expect(workflow.failed).toEqual([]);
  });

  test('failing it fails the waiting task with the reason, and the same failure again is answered the same', async () => {
    const { callbacks, workflow, documents } = chain(translationJobKind, 'jobId', [job('tj-fr', 'fr')]);
    const fail = callbacks.closing(failTranslation);
    const first = await fail(translator, 'tj-fr', { reason: 'source unreadable' });
    expect(await fail(translator, 'tj-fr', { reason: 'source unreadable' })).toEqual(first);
    expect(workflow.failed).toEqual([{ taskToken: 'token-tj-fr', error: 'TranslationFailed', cause: 'source unreadable' }]);
    expect(documents.documents.get('doc-1')?.languages.fr?.status).toBe('translation-requested');
  });

  test('an unknown job is NotFound', async () => {
    const { callbacks } = chain(translationJobKind, 'jobId', []);
    await expect(callbacks.read('tj-none')).rejects.toThrow(new NotFound('No translation job tj-none'));
    await expect(callbacks.closing(completeTranslation)(translator, 'tj-none', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(NotFound);
    await expect(callbacks.heartbeat('tj-none')).rejects.toThrow(NotFound);
  });

  test('a heartbeat keeps an open job\'s task alive; on a closed job it is a Conflict', async () => {
    const { callbacks, workflow } = chain(translationJobKind, 'jobId', [job('tj-fr', 'fr'), job('tj-es', 'es')]);
    await callbacks.heartbeat('tj-fr');
    expect(workflow.heartbeats).toEqual(['token-tj-fr']);
    await callbacks.closing(failTranslation)(translator, 'tj-es', { reason: 'no capacity' });
    await expect(callbacks.heartbeat('tj-es')).rejects.toThrow(new Conflict('Translation job tj-es is no longer open'));
  });

  test('the stale-work sweep expires the open earlier offer of the same language only', async () => {
    const { callbacks, store } = chain(translationJobKind, 'jobId', [job('tj-fr-1', 'fr', 1), job('tj-es', 'es'), job('tj-fr-2', 'fr', 2)]);
    await callbacks.closeStale('doc-1', 'tj-fr-2', (stale) => stale.targetLanguage === 'fr', NOW.toISOString());
    expect(store.items.get('tj-fr-1')).toMatchObject({ status: 'failed', reason: 'expired: no completion or heartbeat in time' });
    expect(store.items.get('tj-fr-2')?.status).toBe('open');
    expect(store.items.get('tj-es')?.status).toBe('open');
  });
});

describe('an editing task\'s decision', () => {
  const translated = { ...document, status: 'in-editing', languages: { ...document.languages, fr: { status: 'translated', translationJobId: 'tj-fr', uri: 'https://files.example/fr.docx' } } } as DocumentRecord;
  const task: EditingTask = { taskId: 'et-fr', documentId: 'doc-1', symbol: document.symbol, language: 'fr', status: 'open', round: 1, attempt: 1, createdAt: '2027-02-10T00:00:00.000Z', updatedAt: '2027-02-10T00:00:00.000Z' };

  test.each([
    ['approve', 'approved', 'approved'],
    ['revise', 'translation-requested', 'revision-requested'],
  ] as const)('%s moves the language version to %s and resumes the workflow with the decision', async (decision, status, event) => {
    const { callbacks, documents, workflow } = chain(editingTaskKind, 'taskId', [task], translated);
    await callbacks.closing(decideEditing)(editor, 'et-fr', { decision, comments: 'see margin' });
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status, translationJobId: 'tj-fr', uri: 'https://files.example/fr.docx' });
    expect(documents.events.get(`doc-1#${event}#et-fr`)).toMatchObject({ event, language: 'fr', actor: 'editor-1', detail: 'see margin' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-et-fr', output: { decision } }]);
  });

  test('the opposite decision afterwards is a Conflict naming the first', async () => {
    const { callbacks } = chain(editingTaskKind, 'taskId', [task], translated);
    await callbacks.closing(decideEditing)(editor, 'et-fr', { decision: 'approve' });
    await expect(callbacks.closing(decideEditing)(editor, 'et-fr', { decision: 'revise' })).rejects.toThrow(new Conflict('Editing task et-fr is completed (approve)'));
  });
});

describe('a print job\'s completion', () => {
  const printing = { ...document, status: 'printing', printRun: { copies: 300 } } as DocumentRecord;
  const printJob: PrintJob = { jobId: 'pj-1', documentId: 'doc-1', symbol: document.symbol, copies: 300, languages: ['en', 'fr', 'es'], status: 'open', attempt: 1, createdAt: '2027-02-20T00:00:00.000Z', updatedAt: '2027-02-20T00:00:00.000Z' };

  test('completes the document once; the same report again changes nothing more', async () => {
    const { callbacks, documents, workflow } = chain(printJobKind, 'jobId', [printJob], printing);
    const complete = callbacks.closing(completePrinting);
    await complete(printer, 'pj-1', { copiesPrinted: 300 });
    const again = await complete(printer, 'pj-1', { copiesPrinted: 300 });
    expect(again).toMatchObject({ status: 'completed', copiesPrinted: 300 });
    expect(documents.documents.get('doc-1')?.status).toBe('completed');
    expect(documents.events.get('doc-1#completed')).toMatchObject({ detail: '300 copies printed', actor: 'printer-1' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-pj-1', output: { copiesPrinted: 300 } }]);
    await expect(complete(printer, 'pj-1', { copiesPrinted: 299 })).rejects.toThrow(new Conflict('Print job pj-1 is completed'));
  });

  test('the stale-work sweep cancels an earlier open print job', async () => {
    const { callbacks, store } = chain(printJobKind, 'jobId', [printJob, { ...printJob, jobId: 'pj-2', attempt: 2 }], printing);
    await callbacks.closeStale('doc-1', 'pj-2', () => true, NOW.toISOString());
    expect(store.items.get('pj-1')).toMatchObject({ status: 'cancelled', reason: 'reissued: no completion or heartbeat in time' });
    expect(store.items.get('pj-2')?.status).toBe('open');
  });
});

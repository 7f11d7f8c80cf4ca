import type { DocumentStore } from '../../../functions/documents/adapters/document-store';
import { makeCloseOpenWork } from '../../../functions/documents/app/close-work';
import type { DocumentPipeline } from '../../../functions/documents/app/ports';
import { makeOpenPrintJob } from '../../../functions/documents/app/printing';
import { makePublishDocument } from '../../../functions/documents/app/publication';
import { makeReconcile } from '../../../functions/documents/app/reconcile';
import { makeSubmitDocument } from '../../../functions/documents/app/submit';
import { makeTranslationHandoff } from '../../../functions/documents/app/translation-handoff';
import { makeWorkItemCallbacks } from '../../../functions/documents/app/work-item-callbacks';
import { makeFinishWithdrawal, makeWithdrawDocument } from '../../../functions/documents/app/withdraw';
import { completePrinting, completeTranslation, failTranslation, printJobKind, translationJobKind } from '../../../functions/documents/app/work-item-kinds';
import type { DocumentRecord } from '../../../functions/documents/core/document';
import type { DocumentSubmission } from '../../../functions/documents/core/submission';
import type { EditingTask, PrintJob, TranslationJob } from '../../../functions/documents/core/work-items';
import { Conflict, Unavailable } from '../../../functions/shared/errors';
import type { Caller } from '../../../functions/shared/roles';
import { memoryDocuments, memoryTaskTokens, memoryWorkflow, memoryWorkItems, nextTurn } from './in-memory-ports';

/**
 * Each window issue 9 found between two writes, healed: a port that fails once (a crash or a
 * lost call at that point), then the replay, the retried step or the reconciler.
 */

const NOW = new Date('2027-03-01T09:00:00.000Z');
const clock = () => NOW;
/** The French translation every completion here sends. */
const body = { translatedUri: 'https://files.example/fr.docx' };
/** Domain events are not what these tests are about. */
const events = { publish: () => Promise.resolve(true) };
const secretariat: Caller = { subject: 'secretariat-1', roles: ['secretariat'] };
const translator: Caller = { subject: 'translator-1', roles: ['translator'] };
const submission: DocumentSubmission = { symbol: 'A/AC.291/30', title: 'Report', category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr'], wordCount: 5000, origin: 'secretariat' };

const document: DocumentRecord = {
  id: 'doc-1', symbol: 'A/AC.291/27', title: 'Report', category: 'pre-session', originalLanguage: 'en', targetLanguages: ['fr'],
  wordCount: 5000, origin: 'secretariat', wordLimitWaived: false, status: 'in-translation',
  languages: { en: { status: 'original' }, fr: { status: 'translation-requested' } },
  storedFlags: [], submittedBy: 'secretariat-1', createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z',
};

/** The open French job of doc-1 (round 1, first offer), as the hand-off writes it. */
const frJob = (overrides: Partial<TranslationJob> = {}): TranslationJob => ({
  jobId: 'tj-fr', documentId: 'doc-1', symbol: document.symbol, sourceLanguage: 'en', targetLanguage: 'fr', wordCount: 5000, sourceUri: null,
  dueBy: '2027-03-15', status: 'open', round: 1, attempt: 1, createdAt: 'x', updatedAt: 'x', ...overrides,
});

/** The documents table with its symbol guards and the lists the reconciler reads, in memory. */
function memoryDocumentStore(...records: DocumentRecord[]) {
  const base = memoryDocuments(...records);
  const symbols = new Map<string, string>();
  const store: Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent' | 'reserveSymbol' | 'insertDocument' | 'releaseSymbol' | 'listDocuments' | 'findBySymbol' | 'readHistory'> = {
    ...base,
    findBySymbol: (symbol) => Promise.resolve([...base.documents.values()].find((d) => d.symbol === symbol && d.status !== 'withdrawn')),
    reserveSymbol(symbol, documentId) {
      const holder = symbols.get(symbol);
      if (holder !== undefined && holder !== documentId && base.documents.get(holder)?.status !== 'withdrawn') {
        return Promise.reject(new Conflict(`Symbol ${symbol} is already used by document ${holder}`));
      }
      symbols.set(symbol, documentId);
      return Promise.resolve();
    },
    insertDocument(record) {
      if (base.documents.has(record.id)) return Promise.resolve(false);
      base.documents.set(record.id, structuredClone(record));
      return Promise.resolve(true);
    },
    releaseSymbol(symbol, documentId) {
      if (symbols.get(symbol) === documentId) symbols.delete(symbol);
      return Promise.resolve();
    },
    listDocuments: (filter) => Promise.resolve({ items: [...base.documents.values()].filter((d) => !filter.status || d.status === filter.status), nextCursor: null }),
    readHistory: (documentId) => Promise.resolve([...base.events].filter(([key]) => key.startsWith(`${documentId}#`)).map(([, event]) => event)),
  };
  return { ...base, ...store, symbols };
}

/** Executions by name; `failNextStart` plays a function that dies before (or while) calling StartExecution. */
function memoryPipeline() {
  const executions = new Map<string, { input: unknown; status: string }>();
  let failNextStart = false;
  let failNextStop = false;
  const pipeline: DocumentPipeline & { executions: typeof executions; failNextStart: () => void; failNextStop: () => void } = {
    executions,
    failNextStart: () => (failNextStart = true),
    failNextStop: () => (failNextStop = true),
    start(documentId, input) {
      if (failNextStart) {
        failNextStart = false;
        return Promise.reject(new Error('the function died before StartExecution'));
      }
      if (!executions.has(documentId)) executions.set(documentId, { input, status: 'RUNNING' });
      return Promise.resolve(documentId);
    },
    stop(documentId) {
      if (failNextStop) {
        failNextStop = false;
        return Promise.reject(new Error('the function died before StopExecution'));
      }
      const execution = executions.get(documentId);
      if (execution) execution.status = 'ABORTED';
      return Promise.resolve();
    },
    status: (documentId) => Promise.resolve(executions.get(documentId)?.status),
    running: (max) => Promise.resolve([...executions].filter(([, execution]) => execution.status === 'RUNNING').map(([name]) => name).slice(0, max)),
  };
  return pipeline;
}

/** The submissions here name no slot: the session store is never asked. */
const noSlots = {
  getSession: () => Promise.reject(new Error('no slot')),
  getSlot: () => Promise.reject(new Error('no slot')),
  fillSlot: () => Promise.reject(new Error('no slot')),
};

/** For the reconciler's tests that find no withdrawal to finish. */
const noWithdrawal = () => Promise.reject(new Error('no withdrawal to finish here'));

function work() {
  return { translationJobs: memoryWorkItems<TranslationJob>('jobId'), editingTasks: memoryWorkItems<EditingTask>('taskId'), printJobs: memoryWorkItems<PrintJob>('jobId') };
}

describe('a crash between insertDocument and StartExecution', () => {
  test('the replay with the same Idempotency-Key finds its symbol and document, starts the pipeline and answers the document: no 409', async () => {
    const documents = memoryDocumentStore();
    const pipeline = memoryPipeline();
    const submit = makeSubmitDocument({ documents, slots: noSlots, pipeline, events, clock });
    pipeline.failNextStart();
    await expect(submit(secretariat, submission, 'secretariat-1 POST /documents key-1')).rejects.toThrow('died before StartExecution');
    const [stored] = [...documents.documents.values()];
    expect(stored).toMatchObject({ symbol: submission.symbol, status: 'in-translation' });
    expect(pipeline.executions.size).toBe(0);

    const replayed = await submit(secretariat, submission, 'secretariat-1 POST /documents key-1');
    expect(replayed).toMatchObject({ id: stored.id, symbol: submission.symbol, status: 'in-translation' });
    expect(pipeline.executions.get(stored.id)).toEqual({ input: { documentId: stored.id, targetLanguages: ['fr'] }, status: 'RUNNING' });
    expect(documents.documents.size).toBe(1);
    // Another request for the same symbol is still refused: the guard belongs to the replayed document.
    await expect(submit(secretariat, submission, 'secretariat-1 POST /documents key-2')).rejects.toThrow(Conflict);
  });

  test('without a replay, the reconciler starts the execution, records the repair, and its next pass finds nothing to do', async () => {
    const documents = memoryDocumentStore();
    const pipeline = memoryPipeline();
    const submit = makeSubmitDocument({ documents, slots: noSlots, pipeline, events, clock });
    pipeline.failNextStart();
    await expect(submit(secretariat, submission)).rejects.toThrow();
    const [stored] = [...documents.documents.values()];
    const reconcile = makeReconcile({ documents, pipeline, work: work(), markFailed: () => Promise.resolve(), finishWithdrawal: noWithdrawal, clock });
    expect(await reconcile()).toEqual({ repairs: [{ documentId: stored.id, repair: 'pipeline-started', detail: 'the document had no execution' }] });
    expect(pipeline.executions.get(stored.id)?.status).toBe('RUNNING');
    expect([...documents.events.values()]).toEqual([expect.objectContaining({ event: 'repaired', actor: 'reconciler', detail: 'pipeline-started: the document had no execution' })]);
    expect(await reconcile()).toEqual({ repairs: [] });
  });
});

test('a stale publication read: the step reads the document consistently, so an approval just written is seen and the document is published', async () => {
  const approved: DocumentRecord = { ...document, status: 'in-editing', languages: { en: { status: 'original' }, fr: { status: 'approved', uri: 'https://files.example/fr.docx' } } };
  const documents = memoryDocuments(approved);
  // An eventually consistent read still sees the version before the approval.
  const stale: DocumentRecord = { ...approved, languages: { ...approved.languages, fr: { status: 'translated', uri: 'https://files.example/fr.docx' } } };
  const read = documents.getDocument;
  documents.getDocument = (id, options) => (options?.consistent ? read(id) : Promise.resolve(structuredClone(stale)));
  const publish = makePublishDocument({ documents: { ...documents, addCorrigendum: () => Promise.resolve() }, events, clock });
  expect(await publish('doc-1')).toEqual({ printRun: false });
  expect(documents.documents.get('doc-1')).toMatchObject({ status: 'completed', languages: { fr: { status: 'published' } } });
});

describe('an ignored SendTaskSuccess', () => {
  const openJob = frJob({ createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z' });
  function chain() {
    const jobs = memoryWorkItems<TranslationJob>('jobId');
    jobs.items.set('tj-fr', { ...openJob });
    const tokens = memoryTaskTokens();
    tokens.tokens.set('translation-job#tj-fr', 'token-fr');
    const workflow = memoryWorkflow();
    const documents = memoryDocuments({ ...document, languages: { ...document.languages, fr: { status: 'translation-requested', translationJobId: 'tj-fr' } } });
    const callbacks = makeWorkItemCallbacks({ store: jobs, tokens, workflow, documents, clock, pause: nextTurn, kind: translationJobKind });
    return { jobs, workflow, complete: callbacks.closing(completeTranslation) };
  }

  test('a task that no longer waits while nothing replaced the job (its hand-off may be between two attempts) is a 503: the job is not shown completed', async () => {
    const { jobs, workflow, complete } = chain();
    workflow.closed.add('token-fr');
    await expect(complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(Unavailable);
    expect(jobs.items.get('tj-fr')?.status).toBe('open');
    expect(workflow.resumed).toEqual([]);
  });

  test('a task that no longer waits because the work was offered again is a Conflict, and the job closes the stale way', async () => {
    const { jobs, workflow, complete } = chain();
    workflow.closed.add('token-fr');
    jobs.items.set('tj-fr-2', { ...openJob, jobId: 'tj-fr-2', attempt: 2 });
    await expect(complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(Conflict);
    expect(jobs.items.get('tj-fr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no longer waited/) });
    expect(workflow.resumed).toEqual([]);
  });

  test('a SendTaskSuccess that fails otherwise is a 503 to retry, the job goes back to open, and the same call again completes it', async () => {
    const { jobs, workflow, complete } = chain();
    const resume = workflow.resumeWith;
    workflow.resumeWith = () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(Unavailable);
    expect(jobs.items.get('tj-fr')?.status).toBe('open');
    workflow.resumeWith = resume;
    expect(await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).toMatchObject({ status: 'completed' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-fr', output: { jobId: 'tj-fr', translatedUri: 'https://files.example/fr.docx' } }]);
    // Answered the same again, without telling the workflow twice.
    expect(await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).toMatchObject({ status: 'completed' });
  });

  test('a repeat whose first run told the workflow but died before noting it (or its twin, at the same moment) answers alike: the completion stays', async () => {
    const { jobs, workflow, complete } = chain();
    const annotate = jobs.annotate.bind(jobs);
    jobs.annotate = () => Promise.reject(new Error('the function died after SendTaskSuccess'));
    await expect(complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow('died');
    jobs.annotate = annotate;
    // The task took the first signal, so it refuses this one: that is no reason to undo the completion.
    expect(await complete(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).toMatchObject({ status: 'completed' });
    expect(jobs.items.get('tj-fr')?.status).toBe('completed');
    expect(workflow.resumed).toHaveLength(1);
  });

  test('a twin that waited out a slow first call tells the task itself; the first, refused because the twin told it first, answers alike and keeps the completion', async () => {
    const { jobs, workflow, complete } = chain();
    const resume = workflow.resumeWith;
    const annotate = jobs.annotate.bind(jobs);
    // The twin dies right after telling the task, before noting it: only its mark says it told.
    jobs.annotate = (id, set, remove) => ('workflowTold' in set ? Promise.reject(new Error('the twin died')) : annotate(id, set, remove));
    let twin: Promise<unknown> | undefined;
    workflow.resumeWith = (token, output) => {
      if (twin) return resume(token, output);
      twin = complete(translator, 'tj-fr', body).catch((error: unknown) => error);
      return twin.then(() => resume(token, output));
    };
    expect(await complete(translator, 'tj-fr', body)).toMatchObject({ status: 'completed' });
    expect(await twin).toEqual(new Error('the twin died'));
    expect(jobs.items.get('tj-fr')?.status).toBe('completed');
    expect(workflow.resumed).toHaveLength(1);
  });
});

function handoffChain(record = document) {
  const jobs = memoryWorkItems<TranslationJob>('jobId');
  const documents = memoryDocuments(record);
  const callbacks = makeWorkItemCallbacks({ store: jobs, tokens: memoryTaskTokens(), workflow: memoryWorkflow(), documents, clock, pause: nextTurn, kind: translationJobKind });
  return { jobs, documents, callbacks };
}

test('a translator who completes the job the moment it exists finds the version it translates: the language is translated (the seeded soak found it left requested)', async () => {
  const { jobs, documents, callbacks } = handoffChain();
  const create = jobs.create.bind(jobs);
  jobs.create = async (item) => {
    const created = await create(item);
    await callbacks.closing(completeTranslation)(translator, item.jobId, { translatedUri: 'https://files.example/fr.docx' });
    return created;
  };
  const handoff = makeTranslationHandoff({ documents, jobs, callbacks, webhook: undefined, settings: { timeoutDays: 14, maxAttempts: 3, retryBaseSeconds: 60 }, clock });
  const { jobId } = await handoff.openTranslationJob({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 1, taskToken: 'token-1' });
  expect(jobs.items.get(String(jobId))).toMatchObject({ status: 'completed' });
  expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translated', translationJobId: jobId, uri: 'https://files.example/fr.docx' });
});

test('a printer who completes the print job the moment it exists completes the document: it was printing before the job existed', async () => {
  const jobs = memoryWorkItems<PrintJob>('jobId');
  const documents = memoryDocuments({ ...document, status: 'published', printRun: { copies: 50 }, languages: { en: { status: 'original' }, fr: { status: 'published' } } });
  const callbacks = makeWorkItemCallbacks({ store: jobs, tokens: memoryTaskTokens(), workflow: memoryWorkflow(), documents, clock, pause: nextTurn, kind: printJobKind });
  const printer: Caller = { subject: 'printer-1', roles: ['printer'] };
  const create = jobs.create.bind(jobs);
  jobs.create = async (item) => {
    const created = await create(item);
    await callbacks.closing(completePrinting)(printer, item.jobId, { copiesPrinted: 50 });
    return created;
  };
  await makeOpenPrintJob({ documents, jobs, callbacks, clock })({ documentId: 'doc-1', attempt: 1, taskToken: 'token-print' });
  expect([...jobs.items.values()]).toEqual([expect.objectContaining({ status: 'completed', copiesPrinted: 50 })]);
  expect(documents.documents.get('doc-1')?.status).toBe('completed');
});

test('a retried hand-off: the job an earlier attempt created but never delivered is delivered now, or marked for redelivery', async () => {
  const { jobs, documents, callbacks } = handoffChain();
  // The service's key cannot be read now: nothing is sent, and the job must be marked for redelivery.
  const signingKey = jest.fn(() => Promise.resolve({ problem: 'the secret is being rotated' }));
  const handoff = makeTranslationHandoff({
    documents, jobs, callbacks, webhook: { url: 'https://translation.example/jobs', signingKey }, settings: { timeoutDays: 14, maxAttempts: 3, retryBaseSeconds: 60 }, clock,
  });
  // The first attempt dies after creating the job (its history event throttled).
  const recordEvent = documents.recordEvent;
  documents.recordEvent = () => Promise.reject(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
  const request = { documentId: 'doc-1', language: 'fr', round: 1, attempt: 1, taskToken: 'token-1' } as const;
  await expect(handoff.openTranslationJob(request)).rejects.toThrow('capacity');
  expect(signingKey).not.toHaveBeenCalled();
  expect(jobs.items.size).toBe(1);
  documents.recordEvent = recordEvent;

  const { jobId } = await handoff.openTranslationJob(request);
  expect(signingKey).toHaveBeenCalledTimes(1);
  expect(jobs.items.get(String(jobId))).toMatchObject({ status: 'open', deliveryPending: 'pending', deliveryAttempts: 1 });
});

/** One open French job whose kept token no longer waits (a hand-off between two attempts), and its completion. */
function jobOnDeadToken(token: string) {
  const jobs = memoryWorkItems<TranslationJob>('jobId');
  jobs.items.set('tj-fr', frJob());
  const tokens = memoryTaskTokens();
  tokens.tokens.set('translation-job#tj-fr', token);
  const workflow = memoryWorkflow();
  workflow.closed.add(token);
  const documents = memoryDocuments({ ...document, languages: { ...document.languages, fr: { status: 'translation-requested', translationJobId: 'tj-fr' } } });
  const callbacks = makeWorkItemCallbacks({ store: jobs, tokens, workflow, documents, clock, pause: nextTurn, kind: translationJobKind });
  return { jobs, tokens, workflow, complete: callbacks.closing(completeTranslation), fail: callbacks.closing(failTranslation) };
}

describe('a hand-off retried after its job was closed (issue 9: the seeded simulation found both)', () => {
  const settings = { timeoutDays: 14, maxAttempts: 3, retryBaseSeconds: 60 };
  const request = { documentId: 'doc-1', language: 'fr', round: 1, attempt: 1 } as const;

  /** A first attempt that opens the job and then dies (its last write lost): the workflow runs the step again with a new token. */
  async function firstAttemptDies() {
    const jobs = memoryWorkItems<TranslationJob>('jobId');
    const documents = memoryDocuments(document);
    const tokens = memoryTaskTokens();
    const workflow = memoryWorkflow();
    const callbacks = makeWorkItemCallbacks({ store: jobs, tokens, workflow, documents, clock, pause: nextTurn, kind: translationJobKind });
    const handoff = makeTranslationHandoff({ documents, jobs, callbacks, webhook: undefined, settings, clock });
    const recordEvent = documents.recordEvent;
    documents.recordEvent = () => Promise.reject(new Error('the function died after changing the document'));
    await expect(handoff.openTranslationJob({ ...request, taskToken: 'token-1' })).rejects.toThrow('died');
    documents.recordEvent = recordEvent;
    // Step Functions retries the task: the token of the first attempt no longer waits.
    workflow.closed.add('token-1');
    const [job] = [...jobs.items.values()];
    return { jobs, documents, workflow, handoff, jobId: job.jobId, complete: callbacks.closing(completeTranslation) };
  }

  test('the translator completed the job once the new attempt kept its token: the new attempt leaves the language translated, and the workflow goes on', async () => {
    const { jobs, documents, workflow, handoff, jobId, complete } = await firstAttemptDies();
    // The retry keeps its token and finds the job; the translator completes it right then, before the retry changes the document.
    const change = documents.changeDocument;
    documents.changeDocument = async (id, documentChange) => {
      documents.changeDocument = change;
      expect(await complete(translator, jobId, body)).toMatchObject({ status: 'completed' });
      return change(id, documentChange);
    };
    await handoff.openTranslationJob({ ...request, taskToken: 'token-2' });
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translated', translationJobId: jobId, uri: body.translatedUri });
    expect(jobs.items.get(jobId)?.status).toBe('completed');
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId, ...body } }]);
  });

  test('the translator completed it between the two attempts, while no task could take it: a 503, and the same call once the new attempt keeps its token completes it', async () => {
    const { jobs, workflow, handoff, jobId, complete } = await firstAttemptDies();
    await expect(complete(translator, jobId, body)).rejects.toThrow(Unavailable);
    expect(jobs.items.get(jobId)?.status).toBe('open');
    await handoff.openTranslationJob({ ...request, taskToken: 'token-2' });
    expect(await complete(translator, jobId, body)).toMatchObject({ status: 'completed' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId, ...body } }]);
  });

  test('a job its callback closed while the retried hand-off kept no token yet is told to the workflow by that hand-off', async () => {
    const { jobs, workflow, handoff, jobId } = await firstAttemptDies();
    // Twins both refused on the dead token: each trusted the other's mark, and the job stayed completed.
    jobs.items.set(jobId, { ...(jobs.items.get(jobId) as TranslationJob), status: 'completed', translatedUri: body.translatedUri, repeatTold: NOW.toISOString() } as TranslationJob);
    await handoff.openTranslationJob({ ...request, taskToken: 'token-2' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId, ...body } }]);
  });

  test('twins while the hand-off is between two attempts: the twin waits for the call that closed the job and answers 503 like it; sent again once the new attempt keeps its token, it completes the job', async () => {
    const { jobs, tokens, workflow, complete } = jobOnDeadToken('token-1');
    const answers = await Promise.all([complete(translator, 'tj-fr', body), complete(translator, 'tj-fr', body)].map((call) => call.catch((error: unknown) => error)));
    expect(answers).toEqual([expect.any(Unavailable), expect.any(Unavailable)]);
    expect(jobs.items.get('tj-fr')?.status).toBe('open');
    tokens.tokens.set('translation-job#tj-fr', 'token-2');
    expect(await complete(translator, 'tj-fr', body)).toMatchObject({ status: 'completed' });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId: 'tj-fr', ...body } }]);
  });

  test('twins where the work was offered again: both answer 409 and the job closes the stale way (seed 20261201 answered 409 and 200)', async () => {
    const { jobs, workflow, complete } = jobOnDeadToken('token-1');
    jobs.items.set('tj-fr-2', frJob({ jobId: 'tj-fr-2', attempt: 2 }));
    const answers = await Promise.all([complete(translator, 'tj-fr', body), complete(translator, 'tj-fr', body)].map((call) => call.catch((error: unknown) => error)));
    expect(answers).toEqual([expect.any(Conflict), expect.any(Conflict)]);
    expect(jobs.items.get('tj-fr')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no longer waited/) });
    expect(workflow.resumed).toEqual([]);
  });

  test('twins refused alike, the twin having waited out a slow first call: the first reopens the job, and its twin, refused after, answers 503 too, never 200 on an open job', async () => {
    const { jobs, workflow, complete } = jobOnDeadToken('token-fr');
    // The first tells only once its twin, its wait over, is about to mark that it tells; the first, refused, looks before that mark and reopens the job.
    const resume = workflow.resumeWith;
    const annotate = jobs.annotate.bind(jobs);
    let twinAtMark: () => void = () => undefined;
    const atMark = new Promise<void>((resolve) => (twinAtMark = resolve));
    let releaseMark: () => void = () => undefined;
    const markMay = new Promise<void>((resolve) => (releaseMark = resolve));
    jobs.annotate = async (id, set, remove) => {
      if ('repeatTold' in set) {
        twinAtMark();
        await markMay;
      }
      return annotate(id, set, remove);
    };
    let twin: Promise<unknown> | undefined;
    workflow.resumeWith = async (token, output) => {
      if (twin) return resume(token, output);
      twin = complete(translator, 'tj-fr', body).catch((error: unknown) => error);
      await atMark;
      return resume(token, output);
    };
    expect(await complete(translator, 'tj-fr', body).catch((error: unknown) => error)).toBeInstanceOf(Unavailable);
    releaseMark();
    expect(await twin).toBeInstanceOf(Unavailable);
    expect(jobs.items.get('tj-fr')?.status).toBe('open');
  });

  test('a twin that waited out a slow first call, taken by the task after the first reopened the job, closes the job again', async () => {
    const { jobs, tokens, workflow, complete } = jobOnDeadToken('token-1');
    const twin = slowFirstThenNewToken({ jobs, tokens, workflow, complete });
    expect(await complete(translator, 'tj-fr', body).catch((error: unknown) => error)).toBeInstanceOf(Unavailable);
    expect(await twin()).toMatchObject({ status: 'completed' });
    expect(jobs.items.get('tj-fr')).toMatchObject({ status: 'completed', workflowTold: NOW.toISOString() });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId: 'tj-fr', ...body } }]);
  });
});

/**
 * The first completion is slow to tell the dead token-1, so its twin waits its window out and
 * takes over; the first, refused, reopens the job before the twin's mark, and the twin tells
 * once the retried hand-off has kept token-2. Returns the twin's answer.
 */
function slowFirstThenNewToken({ jobs, tokens, workflow, complete }: Pick<ReturnType<typeof jobOnDeadToken>, 'jobs' | 'tokens' | 'workflow' | 'complete'>) {
  const transition = jobs.transition.bind(jobs);
  let twin: Promise<unknown> | undefined;
  jobs.transition = async (id, from, to, fields, unlessNoted) => {
    const moved = await transition(id, from, to, fields, unlessNoted);
    if (from === 'open' && to === 'completed' && !twin) twin = complete(translator, 'tj-fr', body).catch((error: unknown) => error);
    return moved;
  };
  let releaseFirst: () => void = () => undefined;
  const firstMayTell = new Promise<void>((resolve) => (releaseFirst = resolve));
  const annotate = jobs.annotate.bind(jobs);
  jobs.annotate = async (id, set, remove) => {
    if ('repeatTold' in set) {
      releaseFirst();
      while (jobs.items.get('tj-fr')?.status !== 'open') await nextTurn();
      tokens.tokens.set('translation-job#tj-fr', 'token-2');
    }
    return annotate(id, set, remove);
  };
  const resume = workflow.resumeWith;
  workflow.resumeWith = async (token, output) => {
    if (token === 'token-1') await firstMayTell;
    return resume(token, output);
  };
  return () => twin;
}

test('a failure reported while the job is reopened, refused because the completion\'s twin told the workflow first, answers 409, and the job reads completed (seed 20261201)', async () => {
  const { jobs, tokens, workflow, complete, fail } = jobOnDeadToken('token-1');
  const twin = slowFirstThenNewToken({ jobs, tokens, workflow, complete });
  // The moment the workflow takes the twin's completion, the service reports a failure of the (open) job.
  const resume = workflow.resumeWith;
  let failure: Promise<unknown> | undefined;
  workflow.resumeWith = async (token, output) => {
    const taken = await resume(token, output);
    if (taken && !failure) {
      failure = fail(translator, 'tj-fr', { reason: 'source unreadable' }).catch((error: unknown) => error);
      await failure;
    }
    return taken;
  };
  expect(await complete(translator, 'tj-fr', body).catch((error: unknown) => error)).toBeInstanceOf(Unavailable);
  expect(await twin()).toMatchObject({ status: 'completed' });
  expect(await failure).toBeInstanceOf(Conflict);
  expect(jobs.items.get('tj-fr')).toMatchObject({ status: 'completed', translatedUri: body.translatedUri });
  expect(workflow.resumed).toEqual([{ taskToken: 'token-2', output: { jobId: 'tj-fr', ...body } }]);
  expect(workflow.failed).toEqual([]);
});

describe('a withdrawal racing a step', () => {
  test('a withdrawal that closes the document\'s work while the hand-off runs: the job the hand-off opens after it is closed, and a callback on it changes nothing', async () => {
    const { jobs, documents, callbacks } = handoffChain();
    const closeOpenWork = makeCloseOpenWork({ ...work(), translationJobs: jobs });
    const create = jobs.create.bind(jobs);
    // The withdrawal runs between the step's read of the document and its job: status first, then the open work (none yet).
    jobs.create = async (item) => {
      await documents.changeDocument('doc-1', { move: 'withdraw', at: NOW.toISOString() });
      await closeOpenWork('doc-1', 'document withdrawn', NOW.toISOString());
      return create(item);
    };
    const handoff = makeTranslationHandoff({ documents, jobs, callbacks, webhook: undefined, settings: { timeoutDays: 14, maxAttempts: 3, retryBaseSeconds: 60 }, clock });
    expect(await handoff.openTranslationJob({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 1, taskToken: 'token-1' })).toEqual({ jobId: null });
    const [job] = [...jobs.items.values()];
    expect(job).toMatchObject({ status: 'cancelled', reason: 'document withdrawn' });
    await expect(callbacks.closing(completeTranslation)(translator, job.jobId, { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(Conflict);
    // The language named its job before the withdrawal; it was never translated.
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translation-requested', translationJobId: job.jobId });
  });

  test('a callback that closed its job just before the withdrawal cancelled it does not change the withdrawn document, and answers 409 (its workflow is stopped)', async () => {
    const { jobs, documents, callbacks } = handoffChain({ ...document, status: 'withdrawn', languages: { ...document.languages, fr: { status: 'translation-requested', translationJobId: 'tj-fr' } } });
    jobs.items.set('tj-fr', frJob());
    // The withdrawn document's execution is stopped: no task waits for the job any more.
    await expect(callbacks.closing(completeTranslation)(translator, 'tj-fr', { translatedUri: 'https://files.example/fr.docx' })).rejects.toThrow(Conflict);
    expect(documents.documents.get('doc-1')?.languages.fr).toEqual({ status: 'translation-requested', translationJobId: 'tj-fr' });
  });

  test('the reconciler fails a document under way whose execution ended without its failure step, and leaves one that just completed', async () => {
    const documents = memoryDocumentStore(document, { ...document, id: 'doc-2', status: 'completed' });
    const pipeline = memoryPipeline();
    pipeline.executions.set('doc-1', { input: {}, status: 'ABORTED' });
    pipeline.executions.set('doc-2', { input: {}, status: 'SUCCEEDED' });
    const markFailed = jest.fn(() => Promise.resolve());
    const reconcile = makeReconcile({ documents, pipeline, work: work(), markFailed, finishWithdrawal: noWithdrawal, clock });
    expect((await reconcile()).repairs).toEqual([{ documentId: 'doc-1', repair: 'failed-without-workflow', detail: 'its execution is ABORTED' }]);
    expect(markFailed).toHaveBeenCalledWith('doc-1', { Error: 'WorkflowEnded', Cause: 'its execution is ABORTED while the document is in-translation' });
  });

  test('a withdrawal that died before StopExecution is finished by the reconciler: execution stopped, work closed, symbol freed, the withdrawal announced with its reason', async () => {
    const documents = memoryDocumentStore();
    const pipeline = memoryPipeline();
    const items = work();
    const closeOpenWork = makeCloseOpenWork(items);
    const published: unknown[] = [];
    const announce = { publish: (event: unknown) => Promise.resolve(published.push(event) > 0) };
    const submit = makeSubmitDocument({ documents, slots: noSlots, pipeline, events, clock });
    const { id } = await submit(secretariat, submission, 'secretariat-1 POST /documents key-1');
    items.translationJobs.items.set('tj-fr', frJob({ documentId: id, symbol: submission.symbol }));
    const withdraw = makeWithdrawDocument({ documents, pipeline, closeOpenWork, events: announce, clock });
    pipeline.failNextStop();
    await expect(withdraw(secretariat, id, 'Superseded by A/AC.291/31')).rejects.toThrow('died before StopExecution');
    expect(documents.documents.get(id)?.status).toBe('withdrawn');
    expect(pipeline.executions.get(id)?.status).toBe('RUNNING');

    const reconcile = makeReconcile({ documents, pipeline, work: items, markFailed: () => Promise.resolve(), finishWithdrawal: makeFinishWithdrawal({ documents, pipeline, closeOpenWork, events: announce }), clock });
    expect((await reconcile()).repairs).toEqual([{ documentId: id, repair: 'withdrawal-finished', detail: 'its execution was still running' }]);
    expect(pipeline.executions.get(id)?.status).toBe('ABORTED');
    expect(items.translationJobs.items.get('tj-fr')).toMatchObject({ status: 'cancelled', reason: 'document withdrawn' });
    expect(documents.symbols.has(submission.symbol)).toBe(false);
    expect(published).toEqual([expect.objectContaining({ type: 'DocumentWithdrawn', detail: expect.objectContaining({ documentId: id, reason: 'Superseded by A/AC.291/31' }) })]);
    expect([...documents.events.values()]).toContainEqual(expect.objectContaining({ event: 'repaired', actor: 'reconciler', detail: 'withdrawal-finished: its execution was still running' }));
    expect(await reconcile()).toEqual({ repairs: [] });
  });

  test('the reconciler leaves the running execution of a document that just completed or failed: it ends by itself', async () => {
    const documents = memoryDocumentStore({ ...document, status: 'completed' }, { ...document, id: 'doc-2', status: 'failed' });
    const pipeline = memoryPipeline();
    pipeline.executions.set('doc-1', { input: {}, status: 'RUNNING' });
    pipeline.executions.set('doc-2', { input: {}, status: 'RUNNING' });
    const finishWithdrawal = jest.fn(() => Promise.resolve());
    const reconcile = makeReconcile({ documents, pipeline, work: work(), markFailed: () => Promise.resolve(), finishWithdrawal, clock });
    expect(await reconcile()).toEqual({ repairs: [] });
    expect(finishWithdrawal).not.toHaveBeenCalled();
  });

  test('the reconciler closes work left open on a withdrawn document (the withdrawal\'s list of open work missed it)', async () => {
    const documents = memoryDocumentStore({ ...document, status: 'withdrawn' });
    const items = work();
    items.translationJobs.items.set('tj-fr', frJob());
    const reconcile = makeReconcile({ documents, pipeline: memoryPipeline(), work: items, markFailed: () => Promise.resolve(), finishWithdrawal: noWithdrawal, clock });
    expect((await reconcile()).repairs).toEqual([{ documentId: 'doc-1', repair: 'work-closed', detail: 'tj-fr: its document is withdrawn' }]);
    expect(items.translationJobs.items.get('tj-fr')).toMatchObject({ status: 'cancelled', reason: 'closed by the reconciler: its document is withdrawn' });
  });
});

import { type Actors, type DocumentBody, actors, approveAll, documentReaches, openJobs, openPrintJobs, openTasks, printAll, readDocument, submit, translateAll, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';

/** The submission fields of a document, to submit it again. */
const submissionOf = (document: DocumentBody) => ({
  symbol: document.symbol, title: document.title, category: document.category, session: document.session,
  originalLanguage: document.originalLanguage, wordCount: document.wordCount, origin: document.origin,
});
import { executionHistory, executionStatus, statesEntered } from '../support/workflow';

let stack: LocalStack;
let who: Actors;

beforeAll(async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
});
afterAll(() => stack.stop());

describe('the documentation chain, through the HTTP API', () => {
  test('a document with a print run goes from submission to completed, all languages published at once', async () => {
    const document = await submit(stack, who, { printRun: { copies: 300 } });
    expect(document.status).toBe('in-translation');
    expect(Object.keys(document.languages).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(document.deadlines).toEqual({ submissionDue: '2027-03-23', issuanceDue: '2027-04-20' });

    await translateAll(stack, who, document.id);
    await documentReaches(stack, who, document.id, 'in-editing');
    await approveAll(stack, who, document.id);
    const published = await documentReaches(stack, who, document.id, 'printing');
    expect(Object.entries(published.languages).filter(([, version]) => version.status === 'published')).toHaveLength(5);
    expect(published.languages.en.status).toBe('original');

    const publications = await stack.request<{ items: { symbol: string; languages: Record<string, { uri: string | null }> }[] }>('GET', '/publications?session=COSP-1');
    const publication = publications.body.items.find((item) => item.symbol === document.symbol);
    expect(Object.keys(publication?.languages ?? {}).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);

    await printAll(stack, who, document.id, 300);
    await documentReaches(stack, who, document.id, 'completed');
    await eventually(async () => ((await executionStatus(stack, document.id)) === 'SUCCEEDED' ? true : undefined), 'execution to succeed');

    const history = await stack.request<{ items: { event: string; language?: string }[] }>('GET', `/documents/${document.id}/history`, { token: who.editor });
    const events = history.body.items.map((item) => item.event);
    expect(events[0]).toBe('submitted');
    expect(events.filter((event) => event === 'translation-requested')).toHaveLength(5);
    expect(events.filter((event) => event === 'translated')).toHaveLength(5);
    expect(events.filter((event) => event === 'approved')).toHaveLength(5);
    expect(events.indexOf('published')).toBeGreaterThan(events.lastIndexOf('approved'));
    expect(events.at(-1)).toBe('completed');

    const states = statesEntered(await executionHistory(stack, document.id));
    expect(states.filter((name) => name === 'AwaitTranslation')).toHaveLength(5);
    expect(states.filter((name) => name === 'AwaitReview')).toHaveLength(5);
    expect(states).toContain('AwaitPrinting');
    // 2 Maps + 5 translations + 5 × (review, decision, approved) + Publish, HasPrintRun, AwaitPrinting.
    expect(states).toHaveLength(25);
  });

  test('a document without print run is completed as soon as it is published', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr', 'es'] });
    await translateAll(stack, who, document.id, 2);
    await approveAll(stack, who, document.id, 2);
    const completed = await documentReaches(stack, who, document.id, 'completed');
    expect(completed.languages.fr.status).toBe('published');
    expect(await openPrintJobs(stack, who, document.id)).toEqual([]);
    // The document is completed inside the Publish step, which still announces it before the execution moves on.
    await eventually(async () => ((await executionStatus(stack, document.id)) === 'SUCCEEDED' ? true : undefined), 'execution to succeed');
    const states = statesEntered(await executionHistory(stack, document.id));
    expect(states).toContain('Completed');
    expect(states).not.toContain('AwaitPrinting');
  });

  test('a revision sends one language back to translation while the others wait', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr', 'ru'] });
    await translateAll(stack, who, document.id, 2);
    const tasks = await waitFor(() => openTasks(stack, who, document.id), 2, 'editing tasks');
    const french = tasks.find((task) => task.language === 'fr');
    const russian = tasks.find((task) => task.language === 'ru');
    const revise = await stack.request('POST', `/editing-tasks/${french!.taskId}/decision`, { token: who.editor, body: { decision: 'revise', comments: 'Terminology of article 2' } });
    expect(revise.status).toBe(200);
    expect(revise.body).toMatchObject({ status: 'completed', decision: 'revise' });
    await stack.request('POST', `/editing-tasks/${russian!.taskId}/decision`, { token: who.editor, body: { decision: 'approve' } });

    const [retranslation] = await waitFor(() => openJobs(stack, who, document.id), 1, 'new French job');
    expect(retranslation).toMatchObject({ targetLanguage: 'fr', round: 2 });
    const waiting = await readDocument(stack, who, document.id);
    expect(waiting.status).toBe('in-editing');
    expect(waiting.languages.fr.status).toBe('translation-requested');
    expect(waiting.languages.ru.status).toBe('approved');

    await stack.request('POST', `/translation-jobs/${retranslation.jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://translations.example.org/fr-v2' } });
    const [review] = await waitFor(() => openTasks(stack, who, document.id), 1, 'second French review');
    expect(review.language).toBe('fr');
    await stack.request('POST', `/editing-tasks/${review.taskId}/decision`, { token: who.editor, body: { decision: 'approve' } });
    const completed = await documentReaches(stack, who, document.id, 'completed');
    expect(completed.languages.fr).toMatchObject({ status: 'published', uri: 'https://translations.example.org/fr-v2' });
  });

  test('a failed translation job is offered again as a new job', async () => {
    const document = await submit(stack, who, { targetLanguages: ['zh'] });
    const [first] = await waitFor(() => openJobs(stack, who, document.id), 1, 'Chinese job');
    const failed = await stack.request('POST', `/translation-jobs/${first.jobId}/fail`, { token: who.translator, body: { reason: 'Translator unavailable' } });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', reason: 'Translator unavailable' });
    const [second] = await waitFor(() => openJobs(stack, who, document.id), 1, 'Chinese job offered again');
    expect(second.jobId).not.toBe(first.jobId);
    expect(second.attempt).toBe(2);
    await translateAll(stack, who, document.id, 1);
    await approveAll(stack, who, document.id, 1);
    await documentReaches(stack, who, document.id, 'completed');
    const history = await stack.request<{ items: { event: string }[] }>('GET', `/documents/${document.id}/history`, { token: who.secretariat });
    expect(history.body.items.map((item) => item.event)).toContain('translation-failed');
  });

  test('withdrawal stops the pipeline, closes open jobs and frees the symbol', async () => {
    const document = await submit(stack, who, { symbol: 'A/AC.291/27', targetLanguages: ['ar', 'es'] });
    const jobs = await waitFor(() => openJobs(stack, who, document.id), 2, 'jobs');
    const withdrawn = await stack.request('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat, body: { reason: 'Superseded' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect(await openJobs(stack, who, document.id)).toEqual([]);
    await eventually(async () => ((await executionStatus(stack, document.id)) === 'ABORTED' ? true : undefined), 'execution to stop');
    const late = await stack.request('POST', `/translation-jobs/${jobs[0].jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://late.example.org/x' } });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    const again = await stack.request('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat });
    expect(again.status).toBe(200);
    const reuse = await stack.request('POST', '/documents', { token: who.secretariat, body: { symbol: 'A/AC.291/27', title: 'Reissued', category: 'publication', originalLanguage: 'en', wordCount: 10, origin: 'secretariat' } });
    expect(reuse.status).toBe(201);
  });

  test('a translation that fails on every offer fails the document, and its history says why', async () => {
    const document = await submit(stack, who, { targetLanguages: ['es'] });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, `offer ${attempt}`);
      expect(job.attempt).toBe(attempt);
      expect((await stack.request('POST', `/translation-jobs/${job.jobId}/fail`, { token: who.translator, body: { reason: `attempt ${attempt} failed` } })).status).toBe(200);
    }
    const failed = await documentReaches(stack, who, document.id, 'failed');
    expect(failed.failureReason).toContain('TranslationAttemptsExhausted');
    const history = await stack.request<{ items: { event: string; detail?: string }[] }>('GET', `/documents/${document.id}/history`, { token: who.secretariat });
    expect(history.body.items.at(-1)).toMatchObject({ event: 'failed', detail: expect.stringContaining('offered 5 times') });
    await eventually(async () => ((await executionStatus(stack, document.id)) === 'FAILED' ? true : undefined), 'execution to fail');
    // The symbol is free again for a new submission.
    expect((await stack.request('POST', '/documents', { token: who.secretariat, body: { ...submissionOf(failed), targetLanguages: ['es'] } })).status).toBe(201);
  });

  test('a published document cannot be withdrawn', async () => {
    const document = await submit(stack, who, { targetLanguages: ['ru'] });
    await translateAll(stack, who, document.id, 1);
    await approveAll(stack, who, document.id, 1);
    await documentReaches(stack, who, document.id, 'completed');
    const refused = await stack.request('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat });
    expect(refused.status).toBe(409);
  });
});

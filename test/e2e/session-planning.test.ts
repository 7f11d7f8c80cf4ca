import { addDays } from '../../functions/documents/core/dates';
import { type Actors, actors, approveAll, documentReaches, openJobs, openPrintJobs, openTasks, printAll, submission, submit, translateAll, waitFor } from '../support/chain';
import { eventsAbout } from '../support/events';
import { LocalStack, eventually } from '../support/stack';

/**
 * Planning a session through the HTTP API: slots forecast and submitted, the plan's early
 * warning and workload, and the daily risk review (run every half second here). Deadlines are
 * set relative to today, so the stack runs on its real clock.
 */
let stack: LocalStack;
let who: Actors;
const today = new Date().toISOString().slice(0, 10);
const code = `COSP-E2E-${String(process.pid)}`;
// Opens in 30 days: pre-session issuance was due 12 days ago, in-session issuance is 30 days away.
const startsOn = addDays(today, 30);

interface Slot { slotId: string; status: string; documentId?: string; [key: string]: unknown }
interface PlanItem { slotId?: string; documentId?: string; title: string; status: string; submissionDue: string | null; issuanceDue: string | null; risk: string; reasons: string[] }
interface Plan {
  session: { code: string };
  items: PlanItem[];
  workload: Record<string, { week: string; words: number; capacity: number; over: boolean }[]>;
  compliance: { documents: number; submittedOnTime: number; issuedOnTime: number };
}
interface HistoryItem { event: string; detail?: string }

beforeAll(async () => {
  stack = await LocalStack.start({ env: { LOCAL_SCHEDULE_INTERVAL_MS: '500' } });
  who = await actors(stack);
});
afterAll(() => stack.stop());

const forecast = (overrides: Record<string, unknown>) => ({
  title: 'Report on technical assistance', category: 'pre-session', originalLanguage: 'en', expectedWords: 1000, expectedSubmissionOn: today, origin: 'secretariat', ...overrides,
});

async function addSlot(session: string, overrides: Record<string, unknown>): Promise<Slot> {
  const reply = await stack.request<Slot>('POST', `/sessions/${session}/slots`, { token: who.secretariat, body: forecast(overrides) });
  if (reply.status !== 201) throw new Error(`slot refused: ${String(reply.status)} ${reply.text}`);
  return reply.body;
}

const history = async (id: string) => (await stack.request<{ items: HistoryItem[] }>('GET', `/documents/${id}/history`, { token: who.secretariat })).body.items;
const riskChanges = async (id: string) => (await history(id)).filter((item) => item.event === 'issuance-risk-changed');

describe('a session planned with slots', () => {
  test('the session is planned, its slots forecast, some submitted; a slot is filled once and only by its own session', async () => {
    const planned = await stack.request('PUT', `/sessions/${code}`, { token: who.secretariat, body: { title: 'First session of the Conference', startsOn, endsOn: addDays(startsOn, 4), venue: 'Vienna' } });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ code, startsOn, venue: 'Vienna' });
    expect((await stack.request('GET', `/sessions/${code}`, { token: who.editor })).body).toMatchObject({ code, title: 'First session of the Conference' });

    const late = await addSlot(code, { title: 'Late manuscript', expectedSubmissionOn: addDays(today, -3), targetLanguages: ['ru'], mandate: 'Resolution 79/243' });
    expect(late).toMatchObject({ status: 'forecast', session: code, mandate: 'Resolution 79/243', targetLanguages: ['ru'] });
    await addSlot(code, { title: 'Manuscript due soon', expectedSubmissionOn: addDays(today, 3), targetLanguages: ['ru'] });
    await addSlot(code, { title: 'Legislative guide chapter', expectedSubmissionOn: addDays(today, 20), expectedWords: 50_000, targetLanguages: ['fr'] });
    const filled = await addSlot(code, { title: 'Report of the Secretariat', expectedSubmissionOn: addDays(today, 5) });

    const listed = await stack.request<{ items: Slot[] }>('GET', `/sessions/${code}/slots`, { token: who.secretariat });
    expect(listed.body.items.map((slot) => slot.title)).toEqual(['Late manuscript', 'Manuscript due soon', 'Legislative guide chapter', 'Report of the Secretariat']);

    // Two submissions for the same slot at once: one fills it, the other is refused.
    const body = (n: number) => submission({ symbol: `CTOC/COSP/2027/${String(process.pid)}.S${String(n)}`, session: { code, startsOn }, slotId: filled.slotId, targetLanguages: ['fr', 'es'], wordCount: 3000 });
    const race = await Promise.all([stack.request<{ id: string }>('POST', '/documents', { token: who.secretariat, body: body(1) }), stack.request<{ id: string }>('POST', '/documents', { token: who.secretariat, body: body(2) })]);
    expect(race.map((reply) => reply.status).sort()).toEqual([201, 409]);
    const document = race.find((reply) => reply.status === 201)!.body;
    expect(document).toMatchObject({ slotId: filled.slotId });
    const slots = (await stack.request<{ items: Slot[] }>('GET', `/sessions/${code}/slots`, { token: who.secretariat })).body.items;
    expect(slots.find((slot) => slot.slotId === filled.slotId)).toMatchObject({ status: 'submitted', documentId: document.id });

    const again = await stack.request<{ detail: string }>('POST', '/documents', { token: who.secretariat, body: submission({ session: { code, startsOn }, slotId: filled.slotId }) });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`already filled by document ${document.id}`);

    await stack.request('PUT', '/sessions/OTHER-SESSION', { token: who.secretariat, body: { title: 'Another session', startsOn } });
    const foreign = await addSlot('OTHER-SESSION', {});
    const crossed = await stack.request<{ detail: string }>('POST', '/documents', { token: who.secretariat, body: submission({ session: { code, startsOn }, slotId: foreign.slotId }) });
    expect(crossed.status).toBe(409);
    expect(crossed.body.detail).toBe(`Slot ${foreign.slotId} is not a slot of session ${code}`);
    const otherDay = await stack.request<{ detail: string }>('POST', '/documents', { token: who.secretariat, body: submission({ session: { code: 'OTHER-SESSION', startsOn: addDays(startsOn, 1) }, slotId: foreign.slotId }) });
    expect(otherDay.status).toBe(409);
    expect(otherDay.body.detail).toBe(`Session OTHER-SESSION opens on ${startsOn}, not ${addDays(startsOn, 1)}`);
    expect((await stack.request<{ items: Slot[] }>('GET', '/sessions/OTHER-SESSION/slots', { token: who.secretariat })).body.items[0].status).toBe('forecast');
  });

  test('the plan shows late, at-risk, on-track and done items with reasons, the weekly workload against capacity, and compliance', async () => {
    const onTrack = await submit(stack, who, { session: { code, startsOn }, category: 'in-session', title: 'In-session note', targetLanguages: ['fr'], wordCount: 3000 });
    const done = await submit(stack, who, { session: { code, startsOn }, category: 'in-session', title: 'Provisional agenda', targetLanguages: ['fr'], wordCount: 800 });
    await translateAll(stack, who, done.id, 1);
    await approveAll(stack, who, done.id, 1);
    await documentReaches(stack, who, done.id, 'completed');

    const reply = await stack.request<Plan>('GET', `/sessions/${code}/plan`, { token: who.editor });
    expect(reply.status).toBe(200);
    const plan = reply.body;
    const item = (title: string) => plan.items.find((candidate) => candidate.title === title)!;

    expect(item('Late manuscript')).toMatchObject({ status: 'forecast', risk: 'late', submissionDue: addDays(today, -3), reasons: [`The manuscript was due on ${addDays(today, -3)} (3 days ago) and has not been submitted.`] });
    expect(item('Manuscript due soon')).toMatchObject({ status: 'forecast', risk: 'at-risk', reasons: [`The manuscript is due on ${addDays(today, 3)}, in 3 days, and has not been submitted.`] });
    expect(item('Legislative guide chapter')).toMatchObject({ status: 'forecast', risk: 'on-track' });
    // The filled slot is one item with its document: a pre-session document whose issuance date passed.
    const submitted = plan.items.find((candidate) => candidate.slotId !== undefined && candidate.documentId !== undefined)!;
    expect(submitted).toMatchObject({ status: 'in-translation', risk: 'late', submissionDue: addDays(today, 5), issuanceDue: addDays(startsOn, -42) });
    expect(submitted.reasons[0]).toBe(`It was due for issuance on ${addDays(startsOn, -42)} (12 days ago) and is not published.`);
    expect(plan.items.find((candidate) => candidate.documentId === onTrack.id)).toMatchObject({ risk: 'on-track', issuanceDue: startsOn, reasons: [`Issuance is due on ${startsOn}, in 30 days.`] });
    expect(plan.items.find((candidate) => candidate.documentId === done.id)).toMatchObject({ risk: 'done', status: 'completed' });

    // French: the 50,000 forecast words exceed the week's 40,000; Spanish: one open job of 3,000 words.
    expect(plan.workload.fr.some((week) => week.over && week.words >= 50_000 && week.capacity === 40_000)).toBe(true);
    expect(plan.workload.es).toEqual([{ week: expect.stringMatching(/^\d{4}-W\d{2}$/), words: 3000, capacity: 40_000, over: false }]);
    expect(plan.workload.ru.reduce((sum, week) => sum + week.words, 0)).toBe(2000);
    expect(plan.compliance).toEqual({ documents: 3, submittedOnTime: 3, issuedOnTime: 1 });
  });

  test('the daily review records each change of risk once in the document\'s history', async () => {
    const plan = (await stack.request<Plan>('GET', `/sessions/${code}/plan`, { token: who.secretariat })).body;
    const late = plan.items.find((item) => item.risk === 'late' && item.documentId !== undefined)!;
    const [change] = await eventually(async () => {
      const changes = await riskChanges(late.documentId!);
      return changes.length > 0 ? changes : undefined;
    }, 'the review to record the risk of the late document');
    expect(change.detail).toBe(`unassessed → late: ${late.reasons.join(' ')}`);
    // A document submitted now is assessed by a later run; by then the late one has been reviewed again.
    const later = await submit(stack, who, { session: { code, startsOn }, category: 'in-session', targetLanguages: ['es'] });
    await eventually(async () => ((await riskChanges(later.id)).length > 0 ? true : undefined), 'a later review');
    expect(await riskChanges(late.documentId!)).toHaveLength(1);
    // And announced on the bus once: IssuanceRiskChanged, identified by the change.
    const announced = await eventually(async () => {
      const events = eventsAbout(stack, late.documentId!).filter((event) => event.type === 'IssuanceRiskChanged');
      return events.length > 0 ? events : undefined;
    }, 'IssuanceRiskChanged of the late document');
    expect(announced.map((event) => event.detail)).toEqual([
      expect.objectContaining({ eventId: `IssuanceRiskChanged:${late.documentId!}#issuance-risk#1#late`, documentId: late.documentId, session: code, from: null, to: 'late', reasons: late.reasons }),
    ]);
  });

  test('an unknown session has no plan and takes no slots', async () => {
    expect((await stack.request('GET', '/sessions/NO-SUCH-SESSION/plan', { token: who.secretariat })).status).toBe(404);
    expect((await stack.request('POST', '/sessions/NO-SUCH-SESSION/slots', { token: who.secretariat, body: forecast({}) })).status).toBe(404);
  });
});

describe('corrigenda and revisions', () => {
  interface Publication { documentId: string; symbol: string; languages: Record<string, unknown>; corrigenda?: { symbol: string; languages: string[] }[]; supersededBy?: { documentId: string; symbol: string } }
  const publication = async (symbol: string) => {
    const items = (await stack.request<{ items: Publication[] }>('GET', '/publications?limit=100')).body.items;
    return items.find((item) => item.symbol === symbol);
  };
  const base = `CTOC/COSP/2027/${String(process.pid)}.B`;
  let baseId: string;

  beforeAll(async () => {
    const document = await submit(stack, who, { symbol: base, category: 'publication', session: undefined, targetLanguages: ['fr', 'es'] });
    baseId = document.id;
    await translateAll(stack, who, baseId, 2);
    await approveAll(stack, who, baseId, 2);
    await documentReaches(stack, who, baseId, 'completed');
  });

  test('a corrigendum for one language runs only that language and shows under its base', async () => {
    const corrigendum = await submit(stack, who, { symbol: `${base}/Corr.1`, category: 'publication', session: undefined, targetLanguages: ['fr'], wordCount: 120, printRun: { copies: 50 } });
    expect(corrigendum).toMatchObject({ corrects: { documentId: baseId, symbol: base }, targetLanguages: ['fr'] });
    expect(Object.keys(corrigendum.languages).sort()).toEqual(['en', 'fr']);
    const [job] = await waitFor(() => openJobs(stack, who, corrigendum.id), 1, 'translation job');
    expect(job.targetLanguage).toBe('fr');
    await translateAll(stack, who, corrigendum.id, 1);
    const [task] = await waitFor(() => openTasks(stack, who, corrigendum.id), 1, 'editing task');
    expect(task.language).toBe('fr');
    await approveAll(stack, who, corrigendum.id, 1);
    const [printJob] = await waitFor(() => openPrintJobs(stack, who, corrigendum.id), 1, 'print job');
    expect(printJob.languages).toEqual(['en', 'fr']);
    await printAll(stack, who, corrigendum.id, 50);
    await documentReaches(stack, who, corrigendum.id, 'completed');

    const events = (await history(corrigendum.id)).map((item) => item.event);
    expect(events.filter((event) => event === 'translation-requested')).toHaveLength(1);
    expect(events.filter((event) => event === 'approved')).toHaveLength(1);
    const listed = await eventually(async () => ((await publication(base))?.corrigenda ? publication(base) : undefined), 'the corrigendum under its base');
    expect(listed.corrigenda).toEqual([{ symbol: `${base}/Corr.1`, languages: ['en', 'fr'] }]);
  });

  test('a corrigendum of the original alone needs no translation and is issued at once', async () => {
    const corrigendum = await submit(stack, who, { symbol: `${base}/Corr.2`, category: 'publication', session: undefined, targetLanguages: [], wordCount: 40 });
    await documentReaches(stack, who, corrigendum.id, 'completed');
    expect(await openJobs(stack, who, corrigendum.id)).toEqual([]);
    const listed = await eventually(async () => {
      const found = await publication(base);
      return (found?.corrigenda?.length ?? 0) === 2 ? found : undefined;
    }, 'both corrigenda under the base');
    expect(listed.corrigenda?.map((entry) => [entry.symbol, entry.languages])).toEqual([[`${base}/Corr.1`, ['en', 'fr']], [`${base}/Corr.2`, ['en']]]);
  });

  test('a revision supersedes its base once published', async () => {
    const revision = await submit(stack, who, { symbol: `${base}/Rev.1`, category: 'publication', session: undefined });
    expect(revision).toMatchObject({ revises: { documentId: baseId, symbol: base }, targetLanguages: ['fr', 'es'] });
    await translateAll(stack, who, revision.id, 2);
    await approveAll(stack, who, revision.id, 2);
    await documentReaches(stack, who, revision.id, 'completed');
    const supersededBy = { documentId: revision.id, symbol: `${base}/Rev.1` };
    const read = await eventually(async () => {
      const document = (await stack.request<{ supersededBy?: unknown }>('GET', `/documents/${baseId}`, { token: who.secretariat })).body;
      return document.supersededBy ? document : undefined;
    }, 'the base to be superseded');
    expect(read.supersededBy).toEqual(supersededBy);
    expect((await publication(base))?.supersededBy).toEqual(supersededBy);
    expect((await history(baseId)).find((item) => item.event === 'superseded')?.detail).toBe(`by ${base}/Rev.1`);
  });

  test('an unknown or unpublished base is a 409 that names it, and nothing is recorded', async () => {
    const unknown = await stack.request<{ detail: string }>('POST', '/documents', { token: who.secretariat, body: submission({ symbol: 'CTOC/COSP/1999/404/Corr.1' }) });
    expect(unknown.status).toBe(409);
    expect(unknown.body.detail).toContain('CTOC/COSP/1999/404');
    const pending = await submit(stack, who, { targetLanguages: ['fr'] });
    const early = await stack.request<{ detail: string }>('POST', '/documents', { token: who.secretariat, body: submission({ symbol: `${String(pending.symbol)}/Rev.1` }) });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain(`${String(pending.symbol)} published; it is in-translation`);
    const none = await stack.request<{ items: unknown[] }>('GET', `/documents?limit=100`, { token: who.secretariat });
    expect(JSON.stringify(none.body.items)).not.toContain(`${String(pending.symbol)}/Rev.1`);
  });
});

import { BUSINESS_METRICS, type BusinessMetric } from '../../functions/shared/metric-names';
import { type ContributionBody, accountClient } from '../support/account';
import { type Actors, type DocumentBody, actors, documentReaches, openJobs, openPrintJobs, openTasks, submission, submit, waitFor } from '../support/chain';
import { type EmfRecord, emfRecords, printedAtLeast, total } from '../support/emf';
import { LocalStack } from '../support/stack';

/**
 * The business metrics the operator's dashboard and alarms read, as the functions print them
 * (CloudWatch EMF lines on the stack's stdout, as in Lambda): each fact counts once, under a
 * service the dashboard names, and a replayed request or callback counts nothing.
 */
let stack: LocalStack;
let who: Actors;
let finance: string;
let account: ReturnType<typeof accountClient>;

beforeAll(async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
  finance = await stack.token('finance', { sub: 'finance-officer-metrics' });
  account = accountClient(stack, finance);
  await account.setRates('2024-05', { EUR: '0.9' });
  await account.registerDonor('AA', 'Donor A');
});
afterAll(() => stack.stop());

const contributionBody = { donorId: 'AA', amount: '100.00', currency: 'EUR', valueDate: '2024-05-20', reference: 'REF' };

/**
 * Every record printed so far. The stack prints in the order it runs, so once a marker fact
 * (a contribution reported now) is in the output, so is whatever the requests before it printed.
 */
async function printedSoFar(): Promise<EmfRecord[]> {
  const marker = await account.report(contributionBody);
  return printedAtLeast(stack.output, 'ContributionReported', 1, { contributionId: marker.contributionId });
}

function expectEmittersNamedOnTheDashboard(records: EmfRecord[]): void {
  for (const record of records) {
    for (const metric of Object.keys(record.values)) {
      expect(metric in BUSINESS_METRICS).toBe(true);
      expect(BUSINESS_METRICS[metric as BusinessMetric]).toContain(record.service);
    }
  }
}

const post = async (route: string, token: string, body: unknown) => {
  const reply = await stack.request('POST', route, { token, body });
  if (reply.status !== 200) throw new Error(`POST ${route}: ${reply.status} ${reply.text}`);
};

describe('the documentation chain\'s facts', () => {
  test('a document through translation (one job failed and offered again), editing and printing counts each fact once, replayed callbacks included', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr', 'es'], printRun: { copies: 10 } });
    const jobs = await waitFor(() => openJobs(stack, who, document.id), 2, 'open translation jobs');
    const fr = jobs.find((job) => job.targetLanguage === 'fr')!;
    const es = jobs.find((job) => job.targetLanguage === 'es')!;
    for (let time = 0; time < 2; time++) await post(`/translation-jobs/${es.jobId}/fail`, who.translator, { reason: 'no translator available' });
    for (let time = 0; time < 2; time++) await post(`/translation-jobs/${fr.jobId}/complete`, who.translator, { translatedUri: `https://translations.example.org/${fr.jobId}` });
    const [esAgain] = await waitFor(async () => (await openJobs(stack, who, document.id)).filter((job) => job.targetLanguage === 'es'), 1, 'the Spanish job offered again');
    await post(`/translation-jobs/${esAgain.jobId}/complete`, who.translator, { translatedUri: `https://translations.example.org/${esAgain.jobId}` });

    await documentReaches(stack, who, document.id, 'in-editing');
    const tasks = await waitFor(() => openTasks(stack, who, document.id), 2, 'open editing tasks');
    for (const task of tasks) await post(`/editing-tasks/${task.taskId}/decision`, who.editor, { decision: 'approve' });
    await post(`/editing-tasks/${tasks[0].taskId}/decision`, who.editor, { decision: 'approve' });

    await documentReaches(stack, who, document.id, 'printing');
    const [printJob] = await waitFor(() => openPrintJobs(stack, who, document.id), 1, 'open print job');
    for (let time = 0; time < 2; time++) await post(`/print-jobs/${printJob.jobId}/complete`, who.printer, { copiesPrinted: 10 });
    await documentReaches(stack, who, document.id, 'completed');

    const records = await printedSoFar();
    const of = (metric: BusinessMetric, where: Record<string, unknown> = {}) => total(records, metric, { documentId: document.id, ...where });
    expect({
      submitted: of('DocumentSubmitted'),
      jobsOpened: of('TranslationJobOpened'),
      jobsFailed: of('TranslationJobFailed'),
      jobsCompleted: of('TranslationJobCompleted'),
      approvals: of('EditingDecision', { decision: 'approve' }),
      revisions: of('EditingDecision', { decision: 'revise' }),
      published: of('DocumentPublished'),
      printed: of('PrintJobCompleted'),
      failed: of('DocumentFailed'),
      withdrawn: of('DocumentWithdrawn'),
    }).toEqual({ submitted: 1, jobsOpened: 3, jobsFailed: 1, jobsCompleted: 2, approvals: 2, revisions: 0, published: 1, printed: 1, failed: 0, withdrawn: 0 });
    expectEmittersNamedOnTheDashboard(records);
  });

  test('a withdrawn document counts DocumentWithdrawn once; withdrawing it again counts nothing', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr'] });
    for (let time = 0; time < 2; time++) {
      const reply = await stack.request<DocumentBody>('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat, body: { reason: 'replaced' } });
      expect(reply.status).toBe(200);
    }
    const records = await printedSoFar();
    expect(total(records, 'DocumentWithdrawn', { documentId: document.id })).toBe(1);
    expectEmittersNamedOnTheDashboard(records);
  });

  test('a submission replayed with the same Idempotency-Key counts nothing', async () => {
    const before = total(await printedSoFar(), 'DocumentSubmitted');
    const body = submission({ targetLanguages: ['fr'] });
    const headers = { 'idempotency-key': 'metrics-replay-1' };
    const first = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers });
    const replay = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body.id).toBe(first.body.id);
    const records = await printedSoFar();
    expect(total(records, 'DocumentSubmitted')).toBe(before + 1);
    expect(total(records, 'DocumentSubmitted', { documentId: first.body.id })).toBe(1);
  });
});

describe('the account\'s facts', () => {
  test('reported, confirmed and rejected count once each, replays nothing; the confirmation brings its USD value and its receipt', async () => {
    const headers = { 'idempotency-key': 'metrics-report-1' };
    const reported = await stack.request<ContributionBody>('POST', '/contributions', { token: finance, body: contributionBody, headers });
    const replayed = await stack.request<ContributionBody>('POST', '/contributions', { token: finance, body: contributionBody, headers });
    expect(replayed.body.contributionId).toBe(reported.body.contributionId);
    const received = reported.body.contributionId;
    const confirmed = await account.confirm(received, '100.00', '2024-05-22');
    expect(await account.confirm(received, '100.00', '2024-05-22')).toEqual(confirmed);
    const refused = (await account.report(contributionBody)).contributionId;
    for (let time = 0; time < 2; time++) await account.reject(refused, 'not on the bank statement');

    const records = await printedSoFar();
    const of = (metric: BusinessMetric, contributionId: string) => total(records, metric, { contributionId });
    expect([of('ContributionReported', received), of('ContributionConfirmed', received), of('ReceiptIssued', received), of('ContributionRejected', received)]).toEqual([1, 1, 1, 0]);
    expect([of('ContributionReported', refused), of('ContributionConfirmed', refused), of('ContributionRejected', refused)]).toEqual([1, 0, 1]);
    expect(of('ReceivedUsd', received)).toBeCloseTo(Number(confirmed.amountUsd), 2);
    expect(records.find((record) => record.values.ReceiptIssued)?.fields.receipt).toBe(confirmed.receipt?.number);
    expectEmittersNamedOnTheDashboard(records);
  });
});

test('the records the stack printed are all well-formed EMF of the secretariat\'s namespace', () => {
  const records = emfRecords(stack.output);
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) for (const value of Object.values(record.values)) expect(Number.isFinite(value)).toBe(true);
});

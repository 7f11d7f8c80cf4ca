import * as path from 'node:path';
import type { z } from 'zod';
import { domainEvents } from '../../functions/api/events';
import { EVENT_SOURCE } from '../../functions/shared/domain-events';
import { loadStack } from '../../local/template';
import { accountClient, expectStatus, type ContributionBody } from '../support/account';
import { type Actors, actors, approveAll, documentReaches, openJobs, submit, translateAll, waitFor } from '../support/chain';
import { eventsAbout, eventsPut } from '../support/events';
import { LocalStack, eventually } from '../support/stack';

/**
 * Domain events on the stack's bus, as the embedded EventBridge kept them: each fact appears
 * exactly once, with its documented detail and its record's id, however often the call that
 * made it is repeated or the schedule that finds it runs.
 */
const [BUS] = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat').eventBuses;

let stack: LocalStack;
let who: Actors;
let finance: string;
let account: ReturnType<typeof accountClient>;

beforeAll(async () => {
  // The overdue search runs every half second here (LOCAL_SCHEDULE_INTERVAL_MS), not hourly.
  stack = await LocalStack.start({ env: { LOCAL_SCHEDULE_INTERVAL_MS: '500' } });
  who = await actors(stack);
  finance = await stack.token('finance');
  account = accountClient(stack, finance);
});
afterAll(() => stack.stop());

// The daily review (every half second here) announces documents' changes of risk besides: they have a test of their own.
const REVIEW = 'IssuanceRiskChanged';
const typesAbout = (id: string) => eventsAbout(stack, id).map((event) => event.type).filter((type) => type !== REVIEW);
const riskEventsAbout = (id: string) => eventsAbout(stack, id).filter((event) => event.type === REVIEW).map((event) => event.detail);
const arrived = (id: string, type: string) => eventually(async () => (eventsAbout(stack, id).some((event) => event.type === type) ? true : undefined), `${type} of ${id}`);

describe('the documentation chain', () => {
  test('a document submitted and published: DocumentSubmitted and DocumentPublished, once each', async () => {
    const document = await submit(stack, who, { symbol: 'CTOC/COSP/2027/EV.1', category: 'publication', session: undefined, targetLanguages: ['fr'] });
    await translateAll(stack, who, document.id, 1);
    await approveAll(stack, who, document.id, 1);
    await documentReaches(stack, who, document.id, 'completed');
    await arrived(document.id, 'DocumentPublished');
    expect(typesAbout(document.id)).toEqual(['DocumentSubmitted', 'DocumentPublished']);
    const [submitted, published] = eventsAbout(stack, document.id).filter((event) => event.type !== REVIEW);
    expect(submitted.detail).toMatchObject({ eventId: `DocumentSubmitted:${document.id}`, documentId: document.id, symbol: 'CTOC/COSP/2027/EV.1', targetLanguages: ['fr'] });
    expect(published.detail).toMatchObject({ eventId: `DocumentPublished:${document.id}`, languages: expect.arrayContaining(['en', 'fr']) });
  });

  test('a document withdrawn, and withdrawn again: one DocumentWithdrawn', async () => {
    const document = await submit(stack, who, { symbol: 'CTOC/COSP/2027/EV.2', category: 'publication', session: undefined, targetLanguages: ['es'] });
    for (let call = 0; call < 2; call++) {
      expect((await stack.request('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat, body: { reason: 'Superseded by a new draft' } })).status).toBe(200);
    }
    expect(typesAbout(document.id)).toEqual(['DocumentSubmitted', 'DocumentWithdrawn']);
    expect(eventsAbout(stack, document.id).find((event) => event.type === 'DocumentWithdrawn')?.detail).toMatchObject({ documentId: document.id, reason: 'Superseded by a new draft' });
  });

  test('a document whose translation fails on every offer: one DocumentFailed', async () => {
    const document = await submit(stack, who, { symbol: 'CTOC/COSP/2027/EV.3', category: 'publication', session: undefined, targetLanguages: ['ru'] });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, `offer ${attempt}`);
      expect((await stack.request('POST', `/translation-jobs/${job.jobId}/fail`, { token: who.translator, body: { reason: 'no translator' } })).status).toBe(200);
    }
    await documentReaches(stack, who, document.id, 'failed');
    await arrived(document.id, 'DocumentFailed');
    expect(typesAbout(document.id)).toEqual(['DocumentSubmitted', 'DocumentFailed']);
    expect(eventsAbout(stack, document.id).find((event) => event.type === 'DocumentFailed')?.detail.reason).toContain('TranslationAttemptsExhausted');
  });

  test('the daily review: one IssuanceRiskChanged per change of a document\'s risk, as its history records it, however often it runs', async () => {
    const document = await submit(stack, who, { symbol: 'CTOC/COSP/2027/EV.4', category: 'publication', session: undefined, targetLanguages: ['zh'] });
    await arrived(document.id, REVIEW);
    // Withdrawn, the document will not be issued: its risk becomes done, and nothing is reviewed after that.
    expect((await stack.request('POST', `/documents/${document.id}/withdraw`, { token: who.secretariat, body: {} })).status).toBe(200);
    await eventually(async () => (riskEventsAbout(document.id).length === 2 ? true : undefined), 'the change to done');
    // A document submitted now is first assessed by a later run, which found the first one's changes again.
    const later = await submit(stack, who, { symbol: 'CTOC/COSP/2027/EV.5', category: 'publication', session: undefined, targetLanguages: ['zh'] });
    await arrived(later.id, REVIEW);
    const [first, second] = riskEventsAbout(document.id);
    expect(riskEventsAbout(document.id)).toHaveLength(2);
    expect(first).toMatchObject({ eventId: `${REVIEW}:${String(first.changeId)}`, documentId: document.id, symbol: 'CTOC/COSP/2027/EV.4', from: null });
    expect(second).toMatchObject({ eventId: `${REVIEW}:${String(second.changeId)}`, from: first.to, to: 'done' });
    const history = (await stack.request<{ items: { event: string; detail?: string }[] }>('GET', `/documents/${document.id}/history`, { token: who.secretariat })).body.items;
    const recorded = history.filter((item) => item.event === 'issuance-risk-changed').map((item) => item.detail);
    const changes = [first, second] as unknown as { from: string | null; to: string; reasons: string[] }[];
    const announced = changes.map((change) => `${change.from ?? 'unassessed'} → ${change.to}: ${change.reasons.join(' ')}`);
    expect(recorded).toEqual(announced);
  });
});

describe('the article 56 account', () => {
  beforeAll(async () => {
    await account.setRates('2025-01', { EUR: '0.95' });
    await account.setRates('2026-03', { EUR: '0.92' });
    await account.registerDonor('SE', 'Sweden');
  });

  test('a payment reported (and replayed) and confirmed (twice): one ContributionReported, one ContributionReceived with its receipt', async () => {
    const body = { donorId: 'SE', amount: '2500.00', currency: 'EUR', valueDate: '2026-03-02', reference: 'SE-EV-1' };
    const headers = { 'idempotency-key': 'se-ev-1' };
    const reported = await expectStatus<ContributionBody>(stack, 201, 'POST', '/contributions', { token: finance, body, headers });
    const replayed = await expectStatus<ContributionBody>(stack, 201, 'POST', '/contributions', { token: finance, body, headers });
    expect(replayed.contributionId).toBe(reported.contributionId);
    const id = reported.contributionId;
    const first = await account.confirm(id, '2500.00', '2026-03-04');
    const again = await account.confirm(id, '2500.00', '2026-03-04');
    expect(again.receipt).toEqual(first.receipt);
    expect(typesAbout(id)).toEqual(['ContributionReported', 'ContributionReceived']);
    const [, received] = eventsAbout(stack, id);
    expect(received.detail).toEqual({
      eventId: `ContributionReceived:${id}`, contributionId: id, donorId: 'SE', receivedAmount: '2500.00', currency: 'EUR', receivedOn: '2026-03-04',
      amountUsd: first.amountUsd, rate: first.rate, receipt: first.receipt,
    });
  });

  test('an installment overdue: one InstallmentOverdue per installment, however often the search runs', async () => {
    const pledge = await account.pledge({ donorId: 'SE', amount: '10000', currency: 'EUR', pledgedOn: '2025-01-10', installments: [{ dueOn: '2025-06-30', amount: '4000' }, { dueOn: '2025-12-31', amount: '6000' }] });
    await arrived(pledge.pledgeId, 'InstallmentOverdue');
    await eventually(async () => (typesAbout(pledge.pledgeId).length === 2 ? true : undefined), 'both installments announced');
    // A later pledge's announcement proves the search ran again after the first one's: it found the first pledge again, and announced nothing new.
    const later = await account.pledge({ donorId: 'SE', amount: '100', currency: 'EUR', pledgedOn: '2025-01-11', installments: [{ dueOn: '2025-02-01', amount: '100' }] });
    await arrived(later.pledgeId, 'InstallmentOverdue');
    const announced = eventsAbout(stack, pledge.pledgeId).map((event) => event.detail.dueOn);
    expect(announced.sort()).toEqual(['2025-06-30', '2025-12-31']);
    expect(eventsAbout(stack, pledge.pledgeId)[0].detail).toMatchObject({ pledgeId: pledge.pledgeId, donorId: 'SE', currency: 'EUR', outstandingAmount: expect.stringMatching(/^(4000|6000)\.00$/) });
  });
});

test('every event put is on the bus, from the stack, with its documented detail, and no fact twice', () => {
  const events = eventsPut(stack);
  expect(events.length).toBeGreaterThanOrEqual(11);
  for (const event of events) {
    expect({ bus: event['event-bus-name'], source: event.source }).toEqual({ bus: BUS, source: EVENT_SOURCE });
    const schema = domainEvents[event['detail-type']] as z.ZodType | undefined;
    expect({ type: event['detail-type'], known: schema !== undefined }).toEqual({ type: event['detail-type'], known: true });
    const parsed = schema?.safeParse(event.detail);
    expect({ type: event['detail-type'], issues: parsed?.error?.issues ?? [] }).toEqual({ type: event['detail-type'], issues: [] });
  }
  const ids = events.map((event) => (event.detail as { eventId: string }).eventId);
  expect(ids.filter((id, at) => ids.indexOf(id) !== at)).toEqual([]);
});

import { type ContributionBody, type PledgeBody, type Problem, accountClient, intakeStatus } from '../support/account';
import { LocalStack, eventually } from '../support/stack';

/**
 * The account's rules through the HTTP API: a missing rate refuses and records nothing; bad
 * input is a 400 problem that records nothing; concurrent duplicates and repeated decisions
 * count once; corrections are new entries; a donor acts only for itself; overdue installments
 * are found by the schedule.
 */
let stack: LocalStack;
let finance: string;
let account: ReturnType<typeof accountClient>;
let aa: string;
let bb: string;

beforeAll(async () => {
  // The overdue search runs every half second here (LOCAL_SCHEDULE_INTERVAL_MS), not hourly.
  stack = await LocalStack.start({ env: { LOCAL_SCHEDULE_INTERVAL_MS: '500' } });
  finance = await stack.token('finance', { sub: 'finance-officer-2' });
  account = accountClient(stack, finance);
  await account.setRates('2024-05', { EUR: '0.9', JPY: '150' });
  await account.setRates('2024-06', { EUR: '0.92' });
  await account.registerDonor('AA', 'Donor A');
  await account.registerDonor('BB', 'Donor B', 'intergovernmental');
  aa = await stack.token('donor', { donorId: 'AA' });
  bb = await stack.token('donor', { donorId: 'BB' });
});
afterAll(() => stack.stop());

const recorded = async (donorId: string) => ({
  pledges: (await account.pledges(`&donorId=${donorId}`)).length,
  contributions: (await account.contributions(`&donorId=${donorId}`)).length,
  statement: await account.statement(donorId),
});

const pledgeBody = (overrides: Record<string, unknown> = {}) => ({ donorId: 'AA', amount: '1000.00', currency: 'EUR', pledgedOn: '2024-05-10', ...overrides });
const contributionBody = (overrides: Record<string, unknown> = {}) => ({ donorId: 'AA', amount: '100.00', currency: 'EUR', valueDate: '2024-05-20', reference: 'REF', ...overrides });

describe('a missing exchange rate', () => {
  test.each([
    ['a currency without a rate that month', pledgeBody({ currency: 'GBP' }), 'GBP', '2024-05-10'],
    ['a month without rates', pledgeBody({ pledgedOn: '2024-07-01' }), 'EUR', '2024-07-01'],
  ])('%s: 409 naming the rate, nothing recorded', async (_name, body, currency, date) => {
    const before = await recorded('AA');
    const reply = await stack.request<Problem>('POST', '/pledges', { token: finance, body });
    expect(reply.status).toBe(409);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ type: 'urn:unodc:problem:missing-rate', status: 409 });
    expect(reply.body.detail).toContain(currency);
    expect(reply.body.detail).toContain(date);
    expect(await recorded('AA')).toEqual(before);
  });

  test('a confirmation on a day without a rate is refused, the contribution stays reported and no receipt number is used up', async () => {
    const contribution = await account.report(contributionBody({ valueDate: '2024-05-02' }));
    const refused = await stack.request<Problem>('POST', `/contributions/${contribution.contributionId}/confirm`, { token: finance, body: { receivedAmount: '100', receivedOn: '2024-08-01' } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('EUR');
    expect(refused.body.detail).toContain('2024-08-01');
    expect((await stack.request<ContributionBody>('GET', `/contributions/${contribution.contributionId}`, { token: finance })).body.status).toBe('reported');
    await account.setRates('2024-08', { EUR: '0.91' });
    const confirmed = await account.confirm(contribution.contributionId, '100', '2024-08-01');
    expect(confirmed).toMatchObject({ amountUsd: '109.89', receipt: { number: 'A56/2024/0001' } });
  });
});

describe('bad input is a 400 problem and records nothing', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['money as a JSON number', '/pledges', pledgeBody({ amount: 1000 }), 'amount'],
    ['more decimals than the currency has', '/pledges', pledgeBody({ amount: '10.005' }), 'amount'],
    ['decimals in a currency without minor unit', '/pledges', pledgeBody({ amount: '1500.5', currency: 'JPY' }), 'amount'],
    ['a negative amount', '/pledges', pledgeBody({ amount: '-5.00' }), 'amount'],
    ['a zero amount', '/pledges', pledgeBody({ amount: '0.00' }), 'amount'],
    ['an unknown currency', '/pledges', pledgeBody({ currency: 'XYZ' }), 'currency'],
    ['an impossible date', '/pledges', pledgeBody({ pledgedOn: '2024-02-30' }), 'pledgedOn'],
    ['installments that do not add up', '/pledges', pledgeBody({ installments: [{ dueOn: '2024-06-01', amount: '600' }, { dueOn: '2024-07-01', amount: '300' }] }), 'installments'],
    ['an installment amount as a number', '/pledges', pledgeBody({ installments: [{ dueOn: '2024-06-01', amount: 1000 }] }), 'installments.0.amount'],
    ['an unknown field', '/pledges', pledgeBody({ colour: 'blue' }), 'colour'],
    ['a contribution amount as a number', '/contributions', contributionBody({ amount: 100 }), 'amount'],
    ['a contribution with too many decimals', '/contributions', contributionBody({ amount: '100.001' }), 'amount'],
    ['a contribution with an unknown field', '/contributions', contributionBody({ iban: 'DE00' }), 'iban'],
    ['a contribution without reference', '/contributions', contributionBody({ reference: undefined }), 'reference'],
  ];

  test.each(cases)('%s', async (_name, route, body, path) => {
    const before = await recorded('AA');
    const reply = await stack.request<Problem>('POST', route, { token: finance, body });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 400, type: expect.stringMatching(/^urn:unodc:problem:/), title: expect.any(String), detail: expect.any(String) });
    expect(reply.body.errors?.map((error) => error.path)).toContain(path);
    expect(await recorded('AA')).toEqual(before);
  });

  test('rates: a rate as a number, an unknown currency, a revision outside the month', async () => {
    for (const [body, path] of [
      [{ rates: { EUR: 0.9 } }, 'rates.EUR'],
      [{ rates: { XYZ: '1.5' } }, 'rates.XYZ'],
      [{ rates: { EUR: '0.9' }, effectiveFrom: '2024-06-15' }, 'effectiveFrom'],
    ] as const) {
      const reply = await stack.request<Problem>('PUT', '/exchange-rates/2024-05', { token: finance, body });
      expect(reply.status).toBe(400);
      expect(reply.body.errors?.map((error) => error.path)).toContain(path);
    }
    expect((await stack.request<{ rates: Record<string, string> }>('GET', '/exchange-rates/2024-05', { token: finance })).body.rates).toEqual({ EUR: '0.9', JPY: '150' });
  });

  test('a confirmation with money as a number', async () => {
    const contribution = await account.report(contributionBody());
    const reply = await stack.request<Problem>('POST', `/contributions/${contribution.contributionId}/confirm`, { token: finance, body: { receivedAmount: 100, receivedOn: '2024-05-21' } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((error) => error.path)).toContain('receivedAmount');
    expect((await stack.request<ContributionBody>('GET', `/contributions/${contribution.contributionId}`, { token: finance })).body.status).toBe('reported');
  });
});

describe('duplicates count once', () => {
  test('50 parallel identical contribution reports with one Idempotency-Key give one entry', async () => {
    await account.registerDonor('IDEM', 'Idempotent donor');
    const body = contributionBody({ donorId: 'IDEM', reference: 'IDEM-50' });
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => stack.request<ContributionBody>('POST', '/contributions', { token: finance, body, headers: { 'idempotency-key': 'report-idem-50' } })),
    );
    expect(replies.every((reply) => reply.status === 201 || reply.status === 409)).toBe(true);
    const created = replies.filter((reply) => reply.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((reply) => reply.text)).size).toBe(1);
    const listed = await account.contributions('&donorId=IDEM');
    expect(listed.map((c) => c.contributionId)).toEqual([created[0].body.contributionId]);
    // The replay answers the first response and creates nothing.
    const replay = await stack.request<ContributionBody>('POST', '/contributions', { token: finance, body, headers: { 'idempotency-key': 'report-idem-50' } });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(created[0].text);
    expect(await account.contributions('&donorId=IDEM')).toHaveLength(1);
    // Confirmed once, it counts once.
    await account.confirm(created[0].body.contributionId, '100', '2024-05-21');
    expect((await account.statement('IDEM', 2024)).receivedUsd).toBe('111.11');
  });

  test('the same key with another body is a 422', async () => {
    const first = await stack.request('POST', '/contributions', { token: finance, body: contributionBody({ reference: 'K1' }), headers: { 'idempotency-key': 'report-k1' } });
    expect(first.status).toBe(201);
    const other = await stack.request<Problem>('POST', '/contributions', { token: finance, body: contributionBody({ reference: 'K2' }), headers: { 'idempotency-key': 'report-k1' } });
    expect(other.status).toBe(422);
  });

  test('confirming twice answers the same receipt; another amount or a rejection afterwards is a conflict', async () => {
    const contribution = await account.report(contributionBody({ amount: '250', reference: 'TWICE' }));
    const first = await stack.request<ContributionBody>('POST', `/contributions/${contribution.contributionId}/confirm`, { token: finance, body: { receivedAmount: '250.00', receivedOn: '2024-06-03' } });
    const second = await stack.request<ContributionBody>('POST', `/contributions/${contribution.contributionId}/confirm`, { token: finance, body: { receivedAmount: '250', receivedOn: '2024-06-03' } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'received', amountUsd: '271.74', receipt: { number: expect.stringMatching(/^A56\/2024\/\d{4}$/) } });
    const other = await stack.request<Problem>('POST', `/contributions/${contribution.contributionId}/confirm`, { token: finance, body: { receivedAmount: '249', receivedOn: '2024-06-03' } });
    expect(other.status).toBe(409);
    const rejection = await stack.request<Problem>('POST', `/contributions/${contribution.contributionId}/reject`, { token: finance, body: { reason: 'late' } });
    expect(rejection.status).toBe(409);
    expect((await stack.request<ContributionBody>('GET', `/contributions/${contribution.contributionId}`, { token: finance })).body).toEqual(first.body);
  });

  test('receipt numbers of a year run without gaps, whatever was refused in between', async () => {
    await account.registerDonor('SEQ', 'Sequence donor');
    const numbers: string[] = [];
    for (const amount of ['1', '2', '3']) {
      const c = await account.report(contributionBody({ donorId: 'SEQ', amount, reference: `SEQ-${amount}` }));
      // A refused confirmation (no rate in September) uses no number.
      expect((await stack.request('POST', `/contributions/${c.contributionId}/confirm`, { token: finance, body: { receivedAmount: amount, receivedOn: '2024-09-01' } })).status).toBe(409);
      numbers.push((await account.confirm(c.contributionId, amount, '2024-06-10')).receipt?.number ?? '');
    }
    const seqs = numbers.map((number) => Number(number.split('/')[2]));
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
  });
});

describe('corrections are new entries', () => {
  test('an adjustment of a received amount and a reversal change the figures; the history stays', async () => {
    await account.registerDonor('ADJ', 'Adjusted donor');
    const c = await account.report(contributionBody({ donorId: 'ADJ', amount: '900', reference: 'ADJ-1' }));
    await account.confirm(c.contributionId, '900', '2024-05-30');
    expect((await account.statement('ADJ', 2024)).receivedUsd).toBe('1000.00');
    const adjusted = await stack.request<{ amountUsdDelta: string; contribution: ContributionBody }>('POST', '/adjustments', {
      token: finance,
      body: { target: { contributionId: c.contributionId }, amountDelta: '-9.00', reason: 'bank charges' },
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body).toMatchObject({ amountUsdDelta: '-10.00', contribution: { receivedAmount: '891.00', amountUsd: '990.00' } });
    expect((await account.statement('ADJ', 2024)).receivedUsd).toBe('990.00');
    const reversed = await stack.request<{ contribution: ContributionBody }>('POST', '/adjustments', { token: finance, body: { target: { contributionId: c.contributionId }, reverse: true, reason: 'returned to the donor' } });
    expect(reversed.status).toBe(201);
    expect(reversed.body.contribution).toMatchObject({ receivedAmount: '0.00', amountUsd: '0.00', receipt: { number: expect.any(String) } });
    expect(reversed.body.contribution.adjustments).toHaveLength(2);
    expect((await account.statement('ADJ', 2024)).receivedUsd).toBe('0.00');
    const again = await stack.request<Problem>('POST', '/adjustments', { token: finance, body: { target: { contributionId: c.contributionId }, reverse: true, reason: 'twice' } });
    expect(again.status).toBe(409);
    const neither = await stack.request<Problem>('POST', '/adjustments', { token: finance, body: { target: { contributionId: c.contributionId }, reason: 'nothing' } });
    expect(neither.status).toBe(400);
  });

  test('a pledge with money received on it cannot be cancelled', async () => {
    const pledge = await account.pledge(pledgeBody({ amount: '500' }));
    const c = await account.report(contributionBody({ amount: '100', pledgeId: pledge.pledgeId }));
    await account.confirm(c.contributionId, '100', '2024-05-25');
    const reply = await stack.request<Problem>('POST', `/pledges/${pledge.pledgeId}/cancel`, { token: finance, body: { reason: 'no longer' } });
    expect(reply.status).toBe(409);
    expect((await stack.request<PledgeBody>('GET', `/pledges/${pledge.pledgeId}`, { token: finance })).body).toMatchObject({ status: 'open', receivedAmount: '100.00', outstandingAmount: '400.00' });
  });

  test("a payment received the year after its pledge counts under the pledge's earmark in that year", async () => {
    await account.setRates('2025-02', { EUR: '0.8' });
    await account.registerDonor('LATE', 'Late payer');
    const pledge = await account.pledge(pledgeBody({ donorId: 'LATE', amount: '800', earmark: 'travel' }));
    const c = await account.report(contributionBody({ donorId: 'LATE', amount: '800', valueDate: '2025-02-01', pledgeId: pledge.pledgeId }));
    await account.confirm(c.contributionId, '800', '2025-02-03');
    const summary = await account.summary(2025);
    expect(summary.byEarmark.find((x) => x.earmark === 'travel')).toEqual({ earmark: 'travel', pledgedUsd: '0.00', receivedUsd: '1000.00', outstandingUsd: '0.00' });
    expect((await account.statement('LATE', 2024)).pledges[0]).toMatchObject({ status: 'fulfilled', outstandingUsd: '0.00' });
  });
});

describe('a donor acts only for itself', () => {
  let bbPledge: PledgeBody;
  let bbContribution: ContributionBody;

  beforeAll(async () => {
    bbPledge = await account.pledge(pledgeBody({ donorId: 'BB', amount: '300' }), bb);
    bbContribution = await account.report(contributionBody({ donorId: 'BB', amount: '300', pledgeId: bbPledge.pledgeId }), bb);
    await account.pledge(pledgeBody({ amount: '700' }), aa);
    await account.report(contributionBody({ amount: '70', reference: 'AA-OWN' }), aa);
  });

  test.each([
    ['GET', '/donors/BB'],
    ['GET', '/donors/BB/statement?year=2024'],
    ['GET', '/contributions?donorId=BB'],
    ['GET', '/pledges?donorId=BB'],
  ])("another donor's id in the path or query: %s %s is 403", async (method, url) => {
    const reply = await stack.request<Problem>(method, url, { token: aa });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
  });

  test("another donor's records by id are 403", async () => {
    expect((await stack.request('GET', `/pledges/${bbPledge.pledgeId}`, { token: aa })).status).toBe(403);
    expect((await stack.request('GET', `/contributions/${bbContribution.contributionId}`, { token: aa })).status).toBe(403);
    expect((await stack.request('GET', `/pledges/${bbPledge.pledgeId}`, { token: bb })).status).toBe(200);
  });

  test("another donor's id in a body is 403 and records nothing", async () => {
    const before = await recorded('BB');
    expect((await stack.request('POST', '/pledges', { token: aa, body: pledgeBody({ donorId: 'BB' }) })).status).toBe(403);
    expect((await stack.request('POST', '/contributions', { token: aa, body: contributionBody({ donorId: 'BB' }) })).status).toBe(403);
    expect(await recorded('BB')).toEqual(before);
  });

  test("paying towards another donor's pledge is a conflict and records nothing", async () => {
    const before = [await recorded('AA'), await recorded('BB')];
    const reply = await stack.request<Problem>('POST', '/contributions', { token: aa, body: contributionBody({ amount: '300', pledgeId: bbPledge.pledgeId }) });
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toContain(bbPledge.pledgeId);
    expect([await recorded('AA'), await recorded('BB')]).toEqual(before);
  });

  test('lists without a donorId show a donor only its own records', async () => {
    for (const [token, donorId] of [[aa, 'AA'], [bb, 'BB']] as const) {
      const contributions = await account.contributions('', token);
      const pledges = await account.pledges('', token);
      expect(contributions.length).toBeGreaterThan(0);
      expect(pledges.length).toBeGreaterThan(0);
      expect(new Set([...contributions, ...pledges].map((x) => x.donorId))).toEqual(new Set([donorId]));
      const donors = (await stack.request<{ items: { donorId: string }[] }>('GET', '/donors', { token })).body.items;
      expect(donors.map((donor) => donor.donorId)).toEqual([donorId]);
    }
  });

  test('a donor reads its own donor record and statement, and cannot decide or report on the account', async () => {
    expect((await stack.request('GET', '/donors/AA', { token: aa })).status).toBe(200);
    expect((await stack.request('GET', '/donors/AA/statement?year=2024', { token: aa })).status).toBe(200);
    expect((await stack.request('POST', `/contributions/${bbContribution.contributionId}/confirm`, { token: bb, body: { receivedAmount: '300', receivedOn: '2024-05-21' } })).status).toBe(403);
    expect((await stack.request('GET', '/account/summary?year=2024', { token: aa })).status).toBe(403);
    expect((await stack.request('GET', '/account/export?format=csv', { token: aa })).status).toBe(403);
    expect((await stack.request('PUT', '/exchange-rates/2024-05', { token: aa, body: { rates: { EUR: '2' } } })).status).toBe(403);
  });

  test('a donor token without a donorId acts for no donor', async () => {
    const anonymous = await stack.token('donor');
    expect((await stack.request('GET', '/contributions', { token: anonymous })).status).toBe(403);
    expect((await stack.request('GET', '/donors/AA', { token: anonymous })).status).toBe(403);
  });
});

describe('the intake workflow and the schedule', () => {
  test('a reported contribution waits in its intake workflow; the decision ends it', async () => {
    const confirmed = await account.report(contributionBody({ reference: 'INTAKE-1' }));
    const rejected = await account.report(contributionBody({ reference: 'INTAKE-2' }));
    await eventually(async () => ((await intakeStatus(stack, confirmed.contributionId)) === 'RUNNING' ? true : undefined), 'the intake to wait');
    await account.confirm(confirmed.contributionId, '100', '2024-05-22');
    await account.reject(rejected.contributionId, 'unknown transfer');
    await eventually(async () => ((await intakeStatus(stack, confirmed.contributionId)) === 'SUCCEEDED' ? true : undefined), 'the confirmed intake to end');
    await eventually(async () => ((await intakeStatus(stack, rejected.contributionId)) === 'SUCCEEDED' ? true : undefined), 'the rejected intake to end');
  });

  test('overdue installments are found by the schedule: a reminder for finance, and in the statement', async () => {
    await account.registerDonor('LAG', 'Lagging donor');
    const pledge = await account.pledge(pledgeBody({ donorId: 'LAG', amount: '1000', installments: [{ dueOn: '2024-06-30', amount: '250' }, { dueOn: '2024-12-31', amount: '750' }] }));
    const c = await account.report(contributionBody({ donorId: 'LAG', amount: '250', pledgeId: pledge.pledgeId }));
    await account.confirm(c.contributionId, '250', '2024-06-20');
    // (The June installment may have had its own reminder before the payment was confirmed.)
    const reminder = await eventually(
      async () => (await account.reminders('&type=overdue-installment')).find((found) => found.pledgeId === pledge.pledgeId && found.dueOn === '2024-12-31'),
      'an overdue-installment reminder',
    );
    expect(reminder).toMatchObject({ type: 'overdue-installment', donorId: 'LAG', amount: '750.00', currency: 'EUR' });
    const statement = await account.statement('LAG', 2024);
    expect(statement.overdueInstallments).toEqual([expect.objectContaining({ pledgeId: pledge.pledgeId, dueOn: '2024-12-31', outstandingAmount: '750.00', outstandingUsd: '833.33' })]);
  });
});

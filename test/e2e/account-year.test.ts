import { type ContributionBody, type PledgeBody, accountClient, isWellFormedXml } from '../support/account';
import { LocalStack } from '../support/stack';

/**
 * A year of the article 56 account (2025) through the HTTP API, and the beginning of the next:
 * rates with a mid-month revision, four donors, pledges with installments in EUR, JPY, KWD and
 * USD, payments, confirmations with receipts, a rejection, a cancellation, a payment received
 * the year after its pledge; then statements, the summary and both exports. Every figure
 * below was worked out by hand: USD = amount / (units per USD), rounded half-up to cents.
 */
let stack: LocalStack;
let finance: string;
let account: ReturnType<typeof accountClient>;

const P: Record<string, PledgeBody> = {};
const C: Record<string, ContributionBody> = {};

beforeAll(async () => {
  stack = await LocalStack.start();
  finance = await stack.token('finance', { sub: 'finance-officer-1' });
  account = accountClient(stack, finance);

  await account.setRates('2025-01', { EUR: '0.95', JPY: '156.25', KWD: '0.308' });
  await account.setRates('2025-02', { EUR: '0.96', JPY: '150' });
  await account.setRates('2025-03', { EUR: '0.92', JPY: '160' });
  await account.setRates('2025-03', { EUR: '0.8' }, '2025-03-15'); // mid-month revision of EUR
  await account.setRates('2025-06', { EUR: '0.9', JPY: '144', KWD: '0.307' });
  await account.setRates('2025-09', { EUR: '0.85' });
  await account.setRates('2025-12', { EUR: '0.86' });
  await account.setRates('2026-01', { KWD: '0.305' });

  await account.registerDonor('DE', 'Germany');
  await account.registerDonor('JP', 'Japan');
  await account.registerDonor('KW', 'Kuwait');
  await account.registerDonor('FOUND', 'A foundation', 'private');
  const de = await stack.token('donor', { donorId: 'DE' });
  const kw = await stack.token('donor', { donorId: 'KW' });

  // Pledges. P1 is recorded by the donor itself.
  P.P1 = await account.pledge(
    { donorId: 'DE', amount: '100000', currency: 'EUR', pledgedOn: '2025-01-15', earmark: 'ratification-workshops', installments: [{ dueOn: '2025-03-31', amount: '40000' }, { dueOn: '2025-09-30', amount: '60000.00' }] },
    de,
  );
  P.P2 = await account.pledge({ donorId: 'JP', amount: '15000000', currency: 'JPY', pledgedOn: '2025-02-10', earmark: '24/7-network' });
  P.P3 = await account.pledge({ donorId: 'KW', amount: '25000.5', currency: 'KWD', pledgedOn: '2025-01-20', installments: [{ dueOn: '2025-06-30', amount: '12500.25' }, { dueOn: '2025-12-31', amount: '12500.250' }] });
  P.P4 = await account.pledge({ donorId: 'FOUND', amount: '5000', currency: 'USD', pledgedOn: '2025-03-20', earmark: 'legislative-advice' });
  P.P5 = await account.pledge({ donorId: 'FOUND', amount: '2000', currency: 'EUR', pledgedOn: '2025-03-18', earmark: 'legislative-advice' });

  // Payments, in the order finance confirms them (receipt numbers follow that order).
  C.C1 = await account.report({ donorId: 'DE', amount: '40000', currency: 'EUR', valueDate: '2025-03-10', reference: 'DE-2025-001', pledgeId: P.P1.pledgeId }, de);
  C.C1 = await account.confirm(C.C1.contributionId, '40000', '2025-03-12'); // before the revision: 0.92
  C.C2 = await account.report({ donorId: 'DE', amount: '30000', currency: 'EUR', valueDate: '2025-03-16', reference: 'DE-2025-002', pledgeId: P.P1.pledgeId }, de);
  C.C2 = await account.confirm(C.C2.contributionId, '29990.00', '2025-03-17'); // after it: 0.8; 10 EUR of bank charges
  C.C3 = await account.report({ donorId: 'JP', amount: '15000000', currency: 'JPY', valueDate: '2025-06-05', reference: 'JP-MOFA-77', pledgeId: P.P2.pledgeId });
  C.C3 = await account.confirm(C.C3.contributionId, '15000000', '2025-06-06');
  C.C4 = await account.report({ donorId: 'KW', amount: '12500.250', currency: 'KWD', valueDate: '2025-06-25', reference: 'KW-1', pledgeId: P.P3.pledgeId }, kw);
  C.C4 = await account.confirm(C.C4.contributionId, '12500.250', '2025-06-26');
  C.C5 = await account.report({ donorId: 'FOUND', amount: '999.99', currency: 'USD', valueDate: '2025-09-01', reference: 'GIFT-9' });
  C.C5 = await account.confirm(C.C5.contributionId, '999.99', '2025-09-02');
  C.C6 = await account.report({ donorId: 'DE', amount: '5000', currency: 'EUR', valueDate: '2025-09-20', reference: 'DE-2025-003' }, de);
  C.C6 = await account.reject(C.C6.contributionId, 'not on the bank statement');
  C.C7 = await account.report({ donorId: 'FOUND', amount: '2000', currency: 'EUR', valueDate: '2025-12-01', reference: 'FOUND-P5', pledgeId: P.P5.pledgeId }); // never confirmed
  // Into 2026: KW pays the rest of its 2025 pledge; FOUND's December transfer arrives in January.
  C.C8 = await account.report({ donorId: 'KW', amount: '12500.250', currency: 'KWD', valueDate: '2026-01-10', reference: 'KW-2', pledgeId: P.P3.pledgeId }, kw);
  C.C8 = await account.confirm(C.C8.contributionId, '12500.250', '2026-01-12');
  C.C9 = await account.report({ donorId: 'FOUND', amount: '100', currency: 'USD', valueDate: '2025-12-30', reference: 'GIFT-10' });
  C.C9 = await account.confirm(C.C9.contributionId, '100.00', '2026-01-05');

  P.P4 = await stack.request<PledgeBody>('POST', `/pledges/${P.P4.pledgeId}/cancel`, { token: finance, body: { reason: 'replaced by the EUR pledge' } }).then((reply) => reply.body);
}, 120_000);

afterAll(() => stack.stop());

test('pledges are valued at the rate in force on the day they were pledged', () => {
  expect(P.P1).toMatchObject({ amount: '100000.00', amountUsd: '105263.16', rate: { month: '2025-01', value: '0.95' }, status: 'open' });
  expect(P.P2).toMatchObject({ amount: '15000000', amountUsd: '100000.00', rate: { month: '2025-02', value: '150' } });
  expect(P.P3).toMatchObject({ amount: '25000.500', amountUsd: '81170.45', rate: { month: '2025-01', value: '0.308' }, installments: [{ dueOn: '2025-06-30', amount: '12500.250' }, { dueOn: '2025-12-31', amount: '12500.250' }] });
  // After the mid-month revision of EUR.
  expect(P.P5).toMatchObject({ amount: '2000.00', amountUsd: '2500.00', rate: { month: '2025-03', value: '0.8' } });
  expect(P.P4).toMatchObject({ amount: '5000.00', amountUsd: '5000.00', rate: { value: '1' }, status: 'cancelled', cancelledReason: 'replaced by the EUR pledge' });
});

test('confirmations value what was received on the day received, with receipts numbered per year', () => {
  expect(C.C1).toMatchObject({ status: 'received', receivedAmount: '40000.00', amountUsd: '43478.26', rate: { value: '0.92' }, receipt: { number: 'A56/2025/0001' }, confirmedBy: 'finance-officer-1' });
  expect(C.C2).toMatchObject({ amount: '30000.00', receivedAmount: '29990.00', amountUsd: '37487.50', rate: { value: '0.8' }, receipt: { number: 'A56/2025/0002' } });
  expect(C.C3).toMatchObject({ amountUsd: '104166.67', receipt: { number: 'A56/2025/0003' } });
  expect(C.C4).toMatchObject({ receivedAmount: '12500.250', amountUsd: '40717.43', receipt: { number: 'A56/2025/0004' } });
  expect(C.C5).toMatchObject({ amountUsd: '999.99', receipt: { number: 'A56/2025/0005' } });
  expect(C.C6).toMatchObject({ status: 'rejected', rejectedReason: 'not on the bank statement' });
  expect(C.C6.receipt).toBeUndefined();
  expect(C.C8).toMatchObject({ amountUsd: '40984.43', rate: { month: '2026-01', value: '0.305' }, receipt: { number: 'A56/2026/0001' } });
  expect(C.C9).toMatchObject({ amountUsd: '100.00', receipt: { number: 'A56/2026/0002' } });
});

test("Germany's statement for 2025: an open pledge, its overdue installment, a rejected payment counted nowhere", async () => {
  const statement = await account.statement('DE', 2025);
  expect(statement).toMatchObject({ donorId: 'DE', year: 2025, pledgedUsd: '105263.16', receivedUsd: '80965.76', outstandingUsd: '31589.47' });
  expect(statement.pledges).toHaveLength(1);
  expect(statement.pledges[0]).toMatchObject({ pledgeId: P.P1.pledgeId, status: 'open', receivedAmount: '69990.00', outstandingAmount: '30010.00', outstandingUsd: '31589.47' });
  expect(statement.contributions.map((c) => [c.contributionId, c.status])).toEqual([
    [C.C1.contributionId, 'received'],
    [C.C2.contributionId, 'received'],
    [C.C6.contributionId, 'rejected'],
  ]);
  // 40000 covers the March installment; 29990 of the September one is covered, 30010 is not.
  expect(statement.overdueInstallments).toEqual([
    { pledgeId: P.P1.pledgeId, donorId: 'DE', currency: 'EUR', dueOn: '2025-09-30', amount: '60000.00', outstandingAmount: '30010.00', outstandingUsd: '31589.47', daysOverdue: expect.any(Number) },
  ]);
  expect(statement.overdueInstallments[0].daysOverdue).toBeGreaterThan(0);
});

test('the donor reads its own statement, the same as finance does', async () => {
  const de = await stack.token('donor', { donorId: 'DE' });
  expect(await account.statement('DE', 2025, de)).toEqual(await account.statement('DE', 2025));
});

test('a pledge paid in full the next year: fulfilled in its own year, the payment counted in the year received', async () => {
  expect(await account.statement('KW', 2025)).toMatchObject({
    pledgedUsd: '81170.45', receivedUsd: '40717.43', outstandingUsd: '0.00',
    pledges: [{ pledgeId: P.P3.pledgeId, status: 'fulfilled', receivedAmount: '25000.500', outstandingAmount: '0.000' }],
    contributions: [{ contributionId: C.C4.contributionId }],
    overdueInstallments: [],
  });
  const next = await account.statement('KW', 2026);
  expect(next).toMatchObject({ pledgedUsd: '0.00', receivedUsd: '40984.43', outstandingUsd: '0.00', pledges: [], overdueInstallments: [] });
  expect(next.contributions.map((c) => c.contributionId)).toEqual([C.C8.contributionId]);
});

test("the foundation's statements: a cancelled pledge, an unconfirmed payment, a transfer received the next year", async () => {
  const statement = await account.statement('FOUND', 2025);
  expect(statement).toMatchObject({ pledgedUsd: '2500.00', receivedUsd: '999.99', outstandingUsd: '2500.00', overdueInstallments: [] });
  expect(statement.pledges.map((p) => [p.pledgeId, p.status])).toEqual([
    [P.P5.pledgeId, 'open'],
    [P.P4.pledgeId, 'cancelled'],
  ]);
  expect(statement.contributions.map((c) => [c.contributionId, c.status])).toEqual([
    [C.C5.contributionId, 'received'],
    [C.C7.contributionId, 'reported'],
  ]);
  const next = await account.statement('FOUND', 2026);
  expect(next).toMatchObject({ pledgedUsd: '0.00', receivedUsd: '100.00', outstandingUsd: '0.00' });
  expect(next.contributions.map((c) => c.contributionId)).toEqual([C.C9.contributionId]);
  // Without a year: everything.
  expect(await account.statement('FOUND')).toMatchObject({ pledgedUsd: '2500.00', receivedUsd: '1099.99', outstandingUsd: '2500.00' });
});

test('the account summary of 2025, by donor and by earmark', async () => {
  expect(await account.summary(2025)).toEqual({
    year: 2025,
    pledgedUsd: '288933.61',
    receivedUsd: '226849.85',
    outstandingUsd: '34089.47',
    byDonor: [
      { donorId: 'DE', pledgedUsd: '105263.16', receivedUsd: '80965.76', outstandingUsd: '31589.47' },
      { donorId: 'FOUND', pledgedUsd: '2500.00', receivedUsd: '999.99', outstandingUsd: '2500.00' },
      { donorId: 'JP', pledgedUsd: '100000.00', receivedUsd: '104166.67', outstandingUsd: '0.00' },
      { donorId: 'KW', pledgedUsd: '81170.45', receivedUsd: '40717.43', outstandingUsd: '0.00' },
    ],
    byEarmark: [
      { earmark: '24/7-network', pledgedUsd: '100000.00', receivedUsd: '104166.67', outstandingUsd: '0.00' },
      { earmark: 'legislative-advice', pledgedUsd: '2500.00', receivedUsd: '0.00', outstandingUsd: '2500.00' },
      { earmark: 'ratification-workshops', pledgedUsd: '105263.16', receivedUsd: '80965.76', outstandingUsd: '31589.47' },
      { earmark: 'unearmarked', pledgedUsd: '81170.45', receivedUsd: '41717.42', outstandingUsd: '0.00' },
    ],
  });
});

test('the account summary of 2026 counts the payments received in 2026, with their pledge earmark', async () => {
  expect(await account.summary(2026)).toEqual({
    year: 2026,
    pledgedUsd: '0.00',
    receivedUsd: '41084.43',
    outstandingUsd: '0.00',
    byDonor: [
      { donorId: 'FOUND', pledgedUsd: '0.00', receivedUsd: '100.00', outstandingUsd: '0.00' },
      { donorId: 'KW', pledgedUsd: '0.00', receivedUsd: '40984.43', outstandingUsd: '0.00' },
    ],
    byEarmark: [{ earmark: 'unearmarked', pledgedUsd: '0.00', receivedUsd: '41084.43', outstandingUsd: '0.00' }],
  });
  // All years together.
  expect(await account.summary()).toMatchObject({ pledgedUsd: '288933.61', receivedUsd: '267934.28', outstandingUsd: '34089.47' });
});

test('the CSV export of 2025: one row per pledge and per received contribution, by date', async () => {
  const reply = await stack.request('GET', '/account/export?format=csv&year=2025', { token: finance });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toBe('text/csv');
  const id = (x: { pledgeId?: string; contributionId?: string }) => String(x.contributionId ?? x.pledgeId);
  const rows = [
    'type,id,donorId,date,currency,amount,rate,amountUsd,earmark,pledgeId,reference,status,receipt',
    `pledge,${id(P.P1)},DE,2025-01-15,EUR,100000.00,0.95,105263.16,ratification-workshops,,,open,`,
    `pledge,${id(P.P3)},KW,2025-01-20,KWD,25000.500,0.308,81170.45,,,,fulfilled,`,
    `pledge,${id(P.P2)},JP,2025-02-10,JPY,15000000,150,100000.00,24/7-network,,,fulfilled,`,
    `contribution,${id(C.C1)},DE,2025-03-12,EUR,40000.00,0.92,43478.26,ratification-workshops,${P.P1.pledgeId},DE-2025-001,received,A56/2025/0001`,
    `contribution,${id(C.C2)},DE,2025-03-17,EUR,29990.00,0.8,37487.50,ratification-workshops,${P.P1.pledgeId},DE-2025-002,received,A56/2025/0002`,
    `pledge,${id(P.P5)},FOUND,2025-03-18,EUR,2000.00,0.8,2500.00,legislative-advice,,,open,`,
    `pledge,${id(P.P4)},FOUND,2025-03-20,USD,5000.00,1,5000.00,legislative-advice,,,cancelled,`,
    `contribution,${id(C.C3)},JP,2025-06-06,JPY,15000000,144,104166.67,24/7-network,${P.P2.pledgeId},JP-MOFA-77,received,A56/2025/0003`,
    `contribution,${id(C.C4)},KW,2025-06-26,KWD,12500.250,0.307,40717.43,,${P.P3.pledgeId},KW-1,received,A56/2025/0004`,
    `contribution,${id(C.C5)},FOUND,2025-09-02,USD,999.99,1,999.99,,,GIFT-9,received,A56/2025/0005`,
  ];
  expect(reply.text).toBe(rows.map((row) => `${row}\r\n`).join(''));
});

test('the IATI export of 2025: well-formed, stable, incoming pledges (13) and incoming funds (1) in their currencies', async () => {
  const first = await stack.request('GET', '/account/export?format=iati&year=2025', { token: finance });
  const second = await stack.request('GET', '/account/export?format=iati&year=2025', { token: finance });
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('application/xml');
  expect(second.text).toBe(first.text);
  expect(isWellFormedXml(first.text)).toBe(true);
  const transactions = [...first.text.matchAll(/<transaction ref="([^"]+)">\s*<transaction-type code="(\d+)"\/>\s*<transaction-date iso-date="([^"]+)"\/>\s*<value currency="([A-Z]{3})" value-date="([^"]+)">([^<]+)<\/value>/g)].map(
    ([, ref, type, date, currency, valueDate, value]) => ({ ref, type, date, currency, valueDate, value }),
  );
  const t = (ref: string, type: string, date: string, currency: string, value: string) => ({ ref, type, date, currency, valueDate: date, value });
  expect(transactions).toEqual([
    t(P.P1.pledgeId, '13', '2025-01-15', 'EUR', '100000.00'),
    t(P.P3.pledgeId, '13', '2025-01-20', 'KWD', '25000.500'),
    t(P.P2.pledgeId, '13', '2025-02-10', 'JPY', '15000000'),
    t(C.C1.contributionId, '1', '2025-03-12', 'EUR', '40000.00'),
    t(C.C2.contributionId, '1', '2025-03-17', 'EUR', '29990.00'),
    t(P.P5.pledgeId, '13', '2025-03-18', 'EUR', '2000.00'),
    t(C.C3.contributionId, '1', '2025-06-06', 'JPY', '15000000'),
    t(C.C4.contributionId, '1', '2025-06-26', 'KWD', '12500.250'),
    t(C.C5.contributionId, '1', '2025-09-02', 'USD', '999.99'),
  ]);
  expect(first.text).toContain('<provider-org ref="JP"><narrative>Japan</narrative></provider-org>');
  expect(first.text).toContain('receipt A56/2025/0001');
});

test('lists: a donor sees its own contributions only; finance filters by status', async () => {
  const de = await stack.token('donor', { donorId: 'DE' });
  const own = await account.contributions('', de);
  expect(own.map((c) => c.contributionId).sort()).toEqual([C.C1, C.C2, C.C6].map((c) => c.contributionId).sort());
  const reported = await account.contributions('&status=reported');
  expect(reported.map((c) => c.contributionId)).toEqual([C.C7.contributionId]);
  const rejected = await account.contributions('&status=rejected&donorId=DE');
  expect(rejected.map((c) => c.contributionId)).toEqual([C.C6.contributionId]);
  expect((await account.pledges('&status=fulfilled')).map((p) => p.pledgeId).sort()).toEqual([P.P2.pledgeId, P.P3.pledgeId].sort());
});

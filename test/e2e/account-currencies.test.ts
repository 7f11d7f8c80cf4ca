import { type Problem, accountClient } from '../support/account';
import { LocalStack } from '../support/stack';

/**
 * Currencies through the HTTP API follow ISO 4217, not the runtime's ICU: a Hungarian forint has
 * fillér (2 decimals) and an Iraqi dinar fils (3), so such amounts are taken and valued in USD to
 * the cent; a withdrawn code (the Croatian kuna, replaced by the euro in 2023) is a 400 at its field.
 */
let stack: LocalStack;
let finance: string;
let account: ReturnType<typeof accountClient>;

beforeAll(async () => {
  stack = await LocalStack.start();
  finance = await stack.token('finance', { sub: 'finance-officer-iso' });
  account = accountClient(stack, finance);
  await account.setRates('2025-03', { HUF: '365.25', IQD: '1310', EUR: '0.93' });
  await account.registerDonor('HU', 'Hungary');
  await account.registerDonor('IQ', 'Iraq');
});
afterAll(() => stack.stop());

describe('currencies whose ISO minor units ICU gets wrong', () => {
  test('a HUF contribution of 1500000.50 is reported and confirmed at its USD value to the cent', async () => {
    const reported = await account.report({ donorId: 'HU', amount: '1500000.50', currency: 'HUF', valueDate: '2025-03-03', reference: 'HU-2025-1' });
    expect(reported).toMatchObject({ amount: '1500000.50', currency: 'HUF', status: 'reported' });
    const confirmed = await account.confirm(reported.contributionId, '1500000.50', '2025-03-04');
    // 1,500,000.50 / 365.25 = 4106.7775... USD
    expect(confirmed).toMatchObject({ status: 'received', receivedAmount: '1500000.50', amountUsd: '4106.78', rate: { month: '2025-03', value: '365.25' } });
    expect((await account.statement('HU', 2025)).receivedUsd).toBe('4106.78');
  });

  test('an IQD contribution of 1250.125 is reported and confirmed at its USD value to the cent', async () => {
    const reported = await account.report({ donorId: 'IQ', amount: '1250.125', currency: 'IQD', valueDate: '2025-03-03', reference: 'IQ-2025-1' });
    expect(reported).toMatchObject({ amount: '1250.125', currency: 'IQD' });
    const confirmed = await account.confirm(reported.contributionId, '1250.125', '2025-03-04');
    // 1,250.125 / 1310 = 0.9543 USD
    expect(confirmed).toMatchObject({ receivedAmount: '1250.125', amountUsd: '0.95' });
    // One decimal more than the fils is still refused, at the field.
    const tooFine = await stack.request<Problem>('POST', '/contributions', {
      token: finance,
      body: { donorId: 'IQ', amount: '1250.1255', currency: 'IQD', valueDate: '2025-03-03', reference: 'IQ-2025-2' },
    });
    expect(tooFine.status).toBe(400);
    expect(tooFine.body.errors).toEqual([{ path: 'amount', message: expect.stringContaining('more decimals than IQD allows (3)') }]);
  });

  test('a HUF pledge in installments with fillér, and a contribution towards it', async () => {
    const pledge = await account.pledge({
      donorId: 'HU',
      amount: '3000001',
      currency: 'HUF',
      pledgedOn: '2025-03-05',
      installments: [{ dueOn: '2025-06-01', amount: '1500000.50' }, { dueOn: '2025-12-01', amount: '1500000.50' }],
    });
    expect(pledge).toMatchObject({ amount: '3000001.00', amountUsd: '8213.56', outstandingAmount: '3000001.00' });
    const paid = await account.report({ donorId: 'HU', amount: '1500000.50', currency: 'HUF', valueDate: '2025-03-10', reference: 'HU-2025-2', pledgeId: pledge.pledgeId });
    await account.confirm(paid.contributionId, '1500000.50', '2025-03-11');
    const [after] = await account.pledges(`&donorId=HU&status=open`);
    expect(after).toMatchObject({ pledgeId: pledge.pledgeId, receivedAmount: '1500000.50', outstandingAmount: '1500000.50', outstandingUsd: '4106.78' });
  });
});

describe('a withdrawn currency is a 400 at its field and records nothing', () => {
  const withdrawn = (reply: { status: number; headers: Headers; body: Problem }, path: string) => {
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 400, type: 'urn:unodc:problem:invalid-request' });
    expect(reply.body.errors).toEqual([{ path, message: expect.stringContaining('"HRK"') }]);
    expect(reply.body.errors?.[0]?.message).toContain('withdrawn');
  };

  test('a pledge in HRK', async () => {
    const before = await account.pledges('&donorId=HU');
    withdrawn(await stack.request<Problem>('POST', '/pledges', { token: finance, body: { donorId: 'HU', amount: '1000.00', currency: 'HRK', pledgedOn: '2025-03-05' } }), 'currency');
    expect(await account.pledges('&donorId=HU')).toEqual(before);
  });

  test('a contribution in HRK', async () => {
    const before = await account.contributions('&donorId=HU');
    withdrawn(
      await stack.request<Problem>('POST', '/contributions', { token: finance, body: { donorId: 'HU', amount: '1000.00', currency: 'HRK', valueDate: '2025-03-03', reference: 'HRK-1' } }),
      'currency',
    );
    expect(await account.contributions('&donorId=HU')).toEqual(before);
  });

  test('a rate for HRK', async () => {
    withdrawn(await stack.request<Problem>('PUT', '/exchange-rates/2025-03', { token: finance, body: { rates: { EUR: '0.94', HRK: '7.0' } } }), 'rates.HRK');
    const rates = await stack.request<{ rates: Record<string, string>; history: unknown[] }>('GET', '/exchange-rates/2025-03', { token: finance });
    expect(rates.body.rates).toEqual({ HUF: '365.25', IQD: '1310', EUR: '0.93' });
    expect(rates.body.history).toHaveLength(1);
  });

  test('gold is not money a donor can give: the same 400, saying why', async () => {
    const reply = await stack.request<Problem>('POST', '/contributions', { token: finance, body: { donorId: 'HU', amount: '10', currency: 'XAU', valueDate: '2025-03-03', reference: 'XAU-1' } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'currency', message: expect.stringContaining('no minor unit') }]);
  });
});

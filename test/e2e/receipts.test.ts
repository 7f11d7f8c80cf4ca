import { type ContributionBody, accountClient } from '../support/account';
import { LocalStack } from '../support/stack';

/**
 * Receipt numbers of a year stay unique and consecutive through races: confirmations and
 * rejections of the same contributions, all at once, and confirmations that repeat. A number
 * is used only by a confirmation that committed.
 */
let stack: LocalStack;
let finance: string;
let account: ReturnType<typeof accountClient>;

beforeAll(async () => {
  stack = await LocalStack.start();
  finance = await stack.token('finance');
  account = accountClient(stack, finance);
  await account.setRates('2026-04', { EUR: '0.9300' });
  await account.setRates('2026-05', { EUR: '0.9300' });
  await account.registerDonor('NO', 'Norway');
  await account.registerDonor('JP', 'Japan');
});
afterAll(() => stack.stop());

const report = (donorId: string, n: number) =>
  account.report({ donorId, amount: `${100 + n}.00`, currency: 'EUR', valueDate: '2026-04-01', reference: `RACE-${donorId}-${n}` });

const decide = (contributionId: string, action: 'confirm' | 'reject') =>
  stack.request<ContributionBody>('POST', `/contributions/${contributionId}/${action}`, {
    token: finance,
    body: action === 'confirm' ? { receivedAmount: '100.00', receivedOn: '2026-05-04' } : { reason: 'not on the bank statement' },
  });

async function receiptsOf2026(): Promise<{ received: ContributionBody[]; rejected: ContributionBody[] }> {
  const all = await account.contributions('');
  return { received: all.filter((c) => c.status === 'received'), rejected: all.filter((c) => c.status === 'rejected') };
}

test('confirm, reject and confirm again race on twelve contributions of two donors: the receipts are 0001 to 00k', async () => {
  const contributions = [];
  for (let n = 0; n < 6; n++) contributions.push(await report('NO', n), await report('JP', n));
  const replies = await Promise.all(
    contributions.flatMap((c) => [decide(c.contributionId, 'confirm'), decide(c.contributionId, 'reject'), decide(c.contributionId, 'confirm')]),
  );
  // Every answer is a decision or a conflict with one, never a server error.
  for (const reply of replies) expect([200, 409]).toContain(reply.status);

  // Whichever of the three requests met the confirmation finished it (its receipt, its view):
  // nothing is left for a client to ask again.
  const { received, rejected } = await receiptsOf2026();
  expect(received.length + rejected.length).toBe(contributions.length);
  const numbers = received.map((c) => c.receipt?.number).sort();
  expect(numbers).toEqual(received.map((_, i) => `A56/2026/${String(i + 1).padStart(4, '0')}`));
  for (const c of rejected) expect(c.receipt).toBeUndefined();

  // Confirming again answers the same receipt and uses no number.
  for (const c of received) expect((await decide(c.contributionId, 'confirm')).body.receipt).toEqual(c.receipt);
  const next = await report('NO', 99);
  expect((await account.confirm(next.contributionId, '100.00', '2026-05-04')).receipt?.number).toBe(`A56/2026/${String(received.length + 1).padStart(4, '0')}`);
});

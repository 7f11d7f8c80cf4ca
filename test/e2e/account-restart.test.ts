import { type ContributionBody, accountClient, intakeHistory, intakeStatus } from '../support/account';
import { LocalStack, eventually } from '../support/stack';

/**
 * The stack is killed (SIGKILL: no shutdown hook runs) while a contribution's intake workflow
 * waits for confirmation, and started again on the same data: the account has lost nothing,
 * and the waiting workflow completes when finance confirms after the restart.
 */
let stack: LocalStack;

afterAll(() => stack.stop());

test('a restart of the embedded stack loses nothing; a waiting intake completes after it', async () => {
  stack = await LocalStack.start();
  const finance = await stack.token('finance');
  let account = accountClient(stack, finance);
  await account.setRates('2025-04', { EUR: '0.9', CHF: '0.85' });
  await account.registerDonor('CH', 'Switzerland');
  const pledge = await account.pledge({ donorId: 'CH', amount: '17000', currency: 'CHF', pledgedOn: '2025-04-01', installments: [{ dueOn: '2025-04-30', amount: '8500' }, { dueOn: '2025-05-31', amount: '8500' }] });
  const paid = await account.report({ donorId: 'CH', amount: '8500', currency: 'CHF', valueDate: '2025-04-20', reference: 'CH-1', pledgeId: pledge.pledgeId });
  await account.confirm(paid.contributionId, '8500', '2025-04-22');
  const waiting = await account.report({ donorId: 'CH', amount: '8500', currency: 'CHF', valueDate: '2025-04-28', reference: 'CH-2', pledgeId: pledge.pledgeId });
  // The wait is open once its step has handed over the task token.
  await eventually(async () => ((await intakeHistory(stack, waiting.contributionId)).some((event) => event.type === 'TaskSubmitted') ? true : undefined), 'the intake to wait');

  const read = async () => ({
    statement: await account.statement('CH', 2025),
    summary: await account.summary(2025),
    contributions: await account.contributions('&donorId=CH'),
    pledges: await account.pledges('&donorId=CH'),
    rates: (await stack.request('GET', '/exchange-rates/2025-04', { token: finance })).body,
  });
  const before = await read();
  expect(before.statement).toMatchObject({ pledgedUsd: '20000.00', receivedUsd: '10000.00', outstandingUsd: '10000.00' });

  await stack.stop('SIGKILL');
  stack = await LocalStack.start({ dataDir: stack.dataDir });
  account = accountClient(stack, finance);

  expect(await read()).toEqual(before);
  expect(await intakeStatus(stack, waiting.contributionId)).toBe('RUNNING');
  const confirmed = await account.confirm(waiting.contributionId, '8500', '2025-04-29');
  expect(confirmed).toMatchObject({ status: 'received', amountUsd: '10000.00', receipt: { number: 'A56/2025/0002' } });
  await eventually(async () => ((await intakeStatus(stack, waiting.contributionId)) === 'SUCCEEDED' ? true : undefined), 'the intake to complete after the restart');
  expect(await account.statement('CH', 2025)).toMatchObject({ pledgedUsd: '20000.00', receivedUsd: '20000.00', outstandingUsd: '0.00', overdueInstallments: [] });
  const listed = await account.contributions('&donorId=CH');
  expect(listed.map((c: ContributionBody) => [c.contributionId, c.status]).sort()).toEqual([[paid.contributionId, 'received'], [waiting.contributionId, 'received']].sort());
});

import { makeContributions } from '../../../functions/account/app/contributions';
import { makeIntakeWait } from '../../../functions/account/app/intake-outcome';
import { makePledges } from '../../../functions/account/app/pledges';
import { makeReports } from '../../../functions/account/app/reports';
import { LedgerConflict } from '../../../functions/account/core';
import { Conflict, Forbidden, NotFound } from '../../../functions/shared/errors';
import type { Caller } from '../../../functions/shared/roles';
import { memoryTaskTokens, memoryWorkflow } from '../documents/in-memory-ports';
import { memoryAccountStores, memoryIntake } from './in-memory-ports';

/**
 * The account's use cases over ports kept in memory: what a pledge, a report, a confirmation
 * and a rejection write, which workflow they start, and what the waiting intake task is told.
 */
const NOW = new Date('2026-03-02T09:00:00.000Z');
const finance: Caller = { subject: 'finance-1', roles: ['finance'] };
const netherlands: Caller = { subject: 'nl-treasury', roles: ['donor'], donorId: 'NL' };

function account() {
  const stores = memoryAccountStores({ donorId: 'NL', name: 'Netherlands', type: 'member-state', registeredAt: '2026-01-01T00:00:00.000Z', registeredBy: 'finance-1' });
  stores.rates.set('2026-02', { EUR: '0.9215' });
  stores.rates.set('2026-03', { EUR: '0.9300' });
  const tokens = memoryTaskTokens();
  const workflow = memoryWorkflow();
  const intake = memoryIntake();
  const clock = () => NOW;
  const contributions = makeContributions({ stores, intake, wait: makeIntakeWait({ stores, tokens, workflow }), clock });
  return { stores, tokens, workflow, intake, contributions, pledges: makePledges({ stores, clock }) };
}

const payment = { donorId: 'NL', amount: '5000.00', currency: 'EUR', valueDate: '2026-02-27', reference: 'NL-2026-7' };

describe('recording a pledge', () => {
  test('values it at the rate of the day pledged, stores its view, and a replay under the same key is the same pledge', async () => {
    const { stores, pledges } = account();
    const request = { donorId: 'NL', amount: '9215.00', currency: 'EUR', pledgedOn: '2026-02-10' };
    const pledge = await pledges.recordNewPledge(netherlands, request, 'key-1');
    expect(pledge).toMatchObject({ donorId: 'NL', amount: '9215.00', amountUsd: '10000.00', rate: { month: '2026-02', value: '0.9215' }, status: 'open', outstandingAmount: '9215.00' });
    expect(await pledges.recordNewPledge(netherlands, request, 'key-1')).toEqual(pledge);
    expect(stores.ledger.buckets.get('NL#2026')).toHaveLength(1);
    expect(stores.records.records.get(`pledge#${pledge.pledgeId}`)?.view).toEqual(pledge);
  });

  test('for an unregistered donor, or by another donor, is refused and writes nothing', async () => {
    const { stores, pledges } = account();
    await expect(pledges.recordNewPledge(finance, { donorId: 'XX', amount: '1.00', currency: 'USD', pledgedOn: '2026-02-10' }, undefined)).rejects.toThrow(NotFound);
    await expect(pledges.recordNewPledge(netherlands, { donorId: 'DE', amount: '1.00', currency: 'USD', pledgedOn: '2026-02-10' }, undefined)).rejects.toThrow(Forbidden);
    expect([stores.ledger.buckets.size, stores.records.records.size]).toEqual([0, 0]);
  });
});

describe('reporting a contribution', () => {
  test('appends it to the bucket of its value date, stores its view and starts its intake; a replay starts the same intake', async () => {
    const { stores, intake, contributions } = account();
    const reported = await contributions.report(netherlands, payment, 'key-2');
    expect(reported).toMatchObject({ ...payment, status: 'reported', reportedBy: 'nl-treasury' });
    expect(await contributions.report(netherlands, payment, 'key-2')).toEqual(reported);
    expect(stores.ledger.buckets.get('NL#2026')?.map(({ entry }) => entry.kind)).toEqual(['contribution-reported']);
    expect(intake.started).toEqual([reported.contributionId, reported.contributionId]);
    expect((await contributions.findContributions(netherlands, {}, 10, undefined)).items).toEqual([reported]);
  });
});

describe('deciding a contribution', () => {
  test('a confirmation values it at the rate of the day received, issues a receipt and ends the waiting intake with it', async () => {
    const { stores, tokens, workflow, contributions } = account();
    const { contributionId } = await contributions.report(netherlands, payment, undefined);
    await tokens.save(`contribution#${contributionId}`, 'intake-token', NOW.toISOString());

    const confirmed = await contributions.confirm(finance, contributionId, { receivedAmount: '4650.00', receivedOn: '2026-03-01' });
    expect(confirmed).toMatchObject({ status: 'received', receivedAmount: '4650.00', amountUsd: '5000.00', receipt: { number: 'A56/2026/0001' } });
    expect(workflow.resumed).toEqual([{ taskToken: 'intake-token', output: { contributionId, status: 'received', receipt: 'A56/2026/0001' } }]);
    // Confirming again with the same facts answers the same receipt and takes no new number.
    expect(await contributions.confirm(finance, contributionId, { receivedAmount: '4650.00', receivedOn: '2026-03-01' })).toEqual(confirmed);
    expect([...stores.receipts.issued.values()]).toHaveLength(1);
    // A received contribution cannot be rejected any more.
    await expect(contributions.reject(finance, contributionId, 'not on the bank statement')).rejects.toThrow(LedgerConflict);
  });

  test('a rejection fails the waiting intake with ContributionRejected, and the contribution counts nowhere', async () => {
    const { stores, workflow, tokens, contributions } = account();
    const { contributionId } = await contributions.report(netherlands, payment, undefined);
    await tokens.save(`contribution#${contributionId}`, 'intake-token', NOW.toISOString());

    expect(await contributions.reject(finance, contributionId, 'not on the bank statement')).toMatchObject({ status: 'rejected', rejectedReason: 'not on the bank statement' });
    expect(workflow.failed).toEqual([{ taskToken: 'intake-token', error: 'ContributionRejected', cause: 'not on the bank statement' }]);
    expect(await makeReports({ stores, reportingOrgRef: undefined }).summary(2026)).toMatchObject({ receivedUsd: '0.00' });
  });

  test('a heartbeat keeps the wait of an undecided contribution alive, and is a conflict once it is decided', async () => {
    const { workflow, tokens, contributions } = account();
    const { contributionId } = await contributions.report(netherlands, payment, undefined);
    await expect(contributions.heartbeat(contributionId)).rejects.toThrow(new Conflict(`Contribution ${contributionId} is not waiting for confirmation`));
    await tokens.save(`contribution#${contributionId}`, 'intake-token', NOW.toISOString());
    await contributions.heartbeat(contributionId);
    expect(workflow.heartbeats).toEqual(['intake-token']);

    await contributions.reject(finance, contributionId, 'not on the bank statement');
    await expect(contributions.heartbeat(contributionId)).rejects.toThrow(new Conflict(`Contribution ${contributionId} is not waiting for confirmation`));
    await expect(contributions.heartbeat('unknown')).rejects.toThrow(new NotFound('No contribution unknown'));
  });
});

import {
  accountSummary,
  allOverdueInstallments,
  donorStatement,
  findContribution,
  findPledge,
  listContributions,
  listPledges,
} from '../../../functions/account/core';
import { TestLedger } from './fixtures';
import { scenario } from './scenario';

const today = '2027-03-05';

describe('pledge and contribution views', () => {
  it('shows received and outstanding amounts of a pledge at its own rate', () => {
    expect(findPledge(scenario().entries, 'P1')).toMatchObject({
      pledgeId: 'P1',
      donorId: 'DE',
      amount: '1000.00',
      currency: 'EUR',
      amountUsd: '1085.19',
      rate: { month: '2027-01', value: '0.9215' },
      status: 'open',
      receivedAmount: '450.00', // the rejected C3 does not count
      outstandingAmount: '550.00',
      outstandingUsd: '596.85',
      overpaidAmount: '0.00',
    });
    expect(findPledge(scenario().entries, 'P3')).toMatchObject({ status: 'fulfilled', outstandingAmount: '0.00', outstandingUsd: '0.00' });
    expect(findPledge(scenario().entries, 'P2')).toMatchObject({ receivedAmount: '299000', outstandingAmount: '1000', outstandingUsd: '6.67' });
    expect(findPledge(scenario().entries, 'nope')).toBeUndefined();
  });

  it('shows contributions with their status and, once received, receipt and USD value', () => {
    const entries = scenario().entries;
    expect(findContribution(entries, 'C2')).toMatchObject({ status: 'reported', amount: '100.00' });
    expect(findContribution(entries, 'C2')).not.toHaveProperty('amountUsd');
    expect(findContribution(entries, 'C3')).toMatchObject({ status: 'rejected', rejectedReason: 'not found on bank statement' });
    expect(findContribution(entries, 'C5')).toMatchObject({
      status: 'received',
      amount: '300000',
      receivedAmount: '299000',
      receivedOn: '2026-12-20',
      amountUsd: '1993.33',
      rate: { month: '2026-12', value: '150' },
      receipt: { number: 'R-C5' },
      adjustments: [{ adjustmentId: 'A1', amountDelta: '-1000', amountUsdDelta: '-6.67', reason: 'bank charges' }],
    });
    expect(listPledges(entries).map((p) => p.pledgeId)).toEqual(['P2', 'P1', 'P3']);
    expect(listContributions(entries).map((c) => c.contributionId)).toEqual(['C5', 'C1', 'C2', 'C3', 'C4']);
  });

  it('values a contribution at the rate in force on the day it was received', () => {
    const l = new TestLedger()
      .report({ contributionId: 'before', amount: '100' })
      .confirm('before', '100', '2027-03-14')
      .report({ contributionId: 'on', amount: '100' })
      .confirm('on', '100', '2027-03-15');
    expect(findContribution(l.entries, 'before')?.amountUsd).toBe('108.70'); // 100 / 0.92
    expect(findContribution(l.entries, 'on')?.amountUsd).toBe('125.00'); // 100 / 0.8
  });
});

describe('donorStatement', () => {
  it('totals pledged, received and outstanding in USD; rejected and unconfirmed count nowhere', () => {
    const s = donorStatement(scenario().entries, 'DE', { today });
    expect([s.pledgedUsd, s.receivedUsd, s.outstandingUsd]).toEqual(['3085.19', '2481.66', '603.52']);
    expect(s.pledges.map((p) => p.pledgeId)).toEqual(['P2', 'P1']);
    expect(s.contributions.map((c) => c.contributionId)).toEqual(['C5', 'C2', 'C3', 'C1']);
    expect(s.overdueInstallments).toEqual([
      {
        pledgeId: 'P1',
        donorId: 'DE',
        currency: 'EUR',
        dueOn: '2027-03-01',
        amount: '600.00',
        outstandingAmount: '550.00',
        outstandingUsd: '596.85',
        daysOverdue: 4,
      },
    ]);
  });

  it('counts pledges by pledgedOn and receipts by receivedOn with a year', () => {
    const entries = scenario().entries;
    const y2027 = donorStatement(entries, 'DE', { year: 2027, today });
    expect([y2027.pledgedUsd, y2027.receivedUsd, y2027.outstandingUsd]).toEqual(['1085.19', '488.33', '596.85']);
    expect(y2027.pledges.map((p) => p.pledgeId)).toEqual(['P1']);
    expect(y2027.contributions.map((c) => c.contributionId)).toEqual(['C2', 'C3', 'C1']);
    const y2026 = donorStatement(entries, 'DE', { year: 2026, today });
    expect([y2026.pledgedUsd, y2026.receivedUsd, y2026.outstandingUsd]).toEqual(['2000.00', '1993.33', '6.67']);
    expect(y2026.overdueInstallments).toEqual([]);
    const none = donorStatement(entries, 'DE', { year: 2025, today });
    expect([none.pledgedUsd, none.receivedUsd, none.outstandingUsd, none.pledges.length]).toEqual(['0.00', '0.00', '0.00', 0]);
  });

  it('is empty for an unknown donor and refuses a silly year', () => {
    expect(donorStatement(scenario().entries, 'XX', { today })).toEqual({
      donorId: 'XX',
      pledgedUsd: '0.00',
      receivedUsd: '0.00',
      outstandingUsd: '0.00',
      pledges: [],
      contributions: [],
      overdueInstallments: [],
    });
    expect(() => donorStatement([], 'DE', { year: 27.5, today })).toThrow('year must be a four-digit year');
  });
});

describe('overdue installments', () => {
  const schedule = [
    { dueOn: '2027-02-01', amount: '400' },
    { dueOn: '2027-03-01', amount: '600' },
  ];

  it('is due strictly before today and covered in due-date order', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1', installments: schedule });
    expect(allOverdueInstallments(l.entries, '2027-02-01')).toEqual([]);
    expect(allOverdueInstallments(l.entries, '2027-02-02').map((x) => [x.dueOn, x.outstandingAmount])).toEqual([['2027-02-01', '400.00']]);
    l.report({ contributionId: 'C1', pledgeId: 'P1', amount: '500' });
    // reported but not confirmed: covers nothing yet
    expect(allOverdueInstallments(l.entries, '2027-03-02').map((x) => x.outstandingAmount)).toEqual(['400.00', '600.00']);
    l.confirm('C1', '500');
    expect(allOverdueInstallments(l.entries, '2027-03-02').map((x) => [x.dueOn, x.outstandingAmount])).toEqual([['2027-03-01', '500.00']]);
  });

  it('drops the latest installments first when the pledge is reduced, and nothing once cancelled or fulfilled', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1', installments: schedule }).adjust('A1', { pledgeId: 'P1' }, '-700');
    expect(allOverdueInstallments(l.entries, '2027-04-01').map((x) => [x.dueOn, x.amount])).toEqual([['2027-02-01', '300.00']]);
    l.pledge({ pledgeId: 'P2', installments: schedule }).cancel('P2');
    l.report({ contributionId: 'C1', pledgeId: 'P1', amount: '300' }).confirm('C1', '300');
    expect(allOverdueInstallments(l.entries, '2027-04-01')).toEqual([]);
  });
});

describe('adjustments in the views', () => {
  it('a reduced pledge can become fulfilled and an overpaid one shows the excess', () => {
    const l = new TestLedger()
      .pledge({ pledgeId: 'P1', amount: '1000' })
      .report({ contributionId: 'C1', pledgeId: 'P1', amount: '450' })
      .confirm('C1', '450')
      .adjust('A1', { pledgeId: 'P1' }, '-600', 'donor reduced its pledge');
    expect(findPledge(l.entries, 'P1')).toMatchObject({
      amount: '400.00',
      amountUsd: '434.07', // 400 / 0.9215 = 434.074
      status: 'fulfilled',
      receivedAmount: '450.00',
      outstandingAmount: '0.00',
      overpaidAmount: '50.00',
    });
    const s = donorStatement(l.entries, 'DE', { today });
    expect([s.pledgedUsd, s.receivedUsd, s.outstandingUsd]).toEqual(['434.07', '488.33', '0.00']);
  });

  it('a reversed receipt counts zero and reopens the pledge', () => {
    const l = new TestLedger()
      .pledge({ pledgeId: 'P1', amount: '100' })
      .report({ contributionId: 'C1', pledgeId: 'P1', amount: '100' })
      .confirm('C1', '100');
    expect(findPledge(l.entries, 'P1')?.status).toBe('fulfilled');
    l.reverse('A1', { contributionId: 'C1' }, 'payment returned by the bank');
    expect(findPledge(l.entries, 'P1')).toMatchObject({ status: 'open', receivedAmount: '0.00', outstandingAmount: '100.00' });
    expect(findContribution(l.entries, 'C1')).toMatchObject({ status: 'received', receivedAmount: '0.00', amountUsd: '0.00' });
    expect(accountSummary(l.entries)).toMatchObject({ pledgedUsd: '108.52', receivedUsd: '0.00', outstandingUsd: '108.52' });
  });
});

describe('accountSummary', () => {
  it('totals the account and groups by donor and earmark, sorted', () => {
    expect(accountSummary(scenario().entries)).toEqual({
      pledgedUsd: '3640.75',
      receivedUsd: '3106.66',
      outstandingUsd: '603.52',
      byDonor: [
        { donorId: 'DE', pledgedUsd: '3085.19', receivedUsd: '2481.66', outstandingUsd: '603.52' },
        { donorId: 'FR', pledgedUsd: '555.56', receivedUsd: '625.00', outstandingUsd: '0.00' },
      ],
      byEarmark: [
        { earmark: 'travel', pledgedUsd: '555.56', receivedUsd: '625.00', outstandingUsd: '0.00' },
        { earmark: 'unearmarked', pledgedUsd: '2000.00', receivedUsd: '1993.33', outstandingUsd: '6.67' },
        { earmark: 'workshops', pledgedUsd: '1085.19', receivedUsd: '488.33', outstandingUsd: '596.85' },
      ],
    });
  });

  it('filters by year', () => {
    expect(accountSummary(scenario().entries, { year: 2026 })).toEqual({
      year: 2026,
      pledgedUsd: '2000.00',
      receivedUsd: '1993.33',
      outstandingUsd: '6.67',
      byDonor: [{ donorId: 'DE', pledgedUsd: '2000.00', receivedUsd: '1993.33', outstandingUsd: '6.67' }],
      byEarmark: [{ earmark: 'unearmarked', pledgedUsd: '2000.00', receivedUsd: '1993.33', outstandingUsd: '6.67' }],
    });
  });

  it('leaves cancelled pledges out and does not depend on the order entries were stored in', () => {
    const l = scenario().pledge({ pledgeId: 'P9', donorId: 'AA', amount: '5' }).cancel('P9');
    const summary = accountSummary(l.entries);
    expect(summary.pledgedUsd).toBe('3640.75');
    expect(summary.byDonor.map((d) => d.donorId)).toEqual(['DE', 'FR']);
    expect(findPledge(l.entries, 'P9')).toMatchObject({ status: 'cancelled', outstandingAmount: '0.00', cancelledReason: 'withdrawn by donor' });
    expect(accountSummary(scenario().entries.slice().reverse())).toEqual(accountSummary(scenario().entries));
  });
});

/** A small account used by the projection and export tests (expected figures worked out by hand). */
import { TestLedger } from './fixtures';

export function scenario(): TestLedger {
  return (
    new TestLedger()
      // DE: 1000 EUR at 0.9215 = 1085.19 USD, in two installments
      .pledge({
        pledgeId: 'P1',
        amount: '1000',
        pledgedOn: '2027-01-10',
        earmark: 'workshops',
        installments: [
          { dueOn: '2027-03-01', amount: '600' },
          { dueOn: '2027-02-01', amount: '400' },
        ],
      })
      // DE: 300000 JPY at 150 = 2000.00 USD, no schedule
      .pledge({ pledgeId: 'P2', amount: '300000', currency: 'JPY', pledgedOn: '2026-12-05' })
      // FR: 500 EUR at 0.9 = 555.56 USD
      .pledge({ pledgeId: 'P3', donorId: 'FR', amount: '500', pledgedOn: '2027-02-10', earmark: 'travel' })
      // DE pays 450 of P1 (488.33 USD at 0.9215)
      .report({ contributionId: 'C1', pledgeId: 'P1', amount: '500' })
      .confirm('C1', '450', '2027-01-21')
      // reported, never confirmed: counts nowhere
      .report({ contributionId: 'C2', amount: '100' })
      // rejected: counts nowhere
      .report({ contributionId: 'C3', pledgeId: 'P1', amount: '200' })
      .reject('C3')
      // FR pays P3 in full after the EUR revision (500 / 0.8 = 625.00 USD)
      .report({ contributionId: 'C4', donorId: 'FR', pledgeId: 'P3', amount: '500', valueDate: '2027-03-18' })
      .confirm('C4', '500', '2027-03-20')
      // DE pays P2; bank charges of 1000 JPY corrected afterwards (299000 / 150 = 1993.33 USD)
      .report({ contributionId: 'C5', pledgeId: 'P2', amount: '300000', currency: 'JPY', valueDate: '2026-12-19' })
      .confirm('C5', '300000', '2026-12-20')
      .adjust('A1', { contributionId: 'C5' }, '-1000', 'bank charges')
  );
}

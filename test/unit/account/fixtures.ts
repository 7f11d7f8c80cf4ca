/** Shared test data: rate tables and a small driver that appends entries through the core's commands. */
import {
  appendEntry,
  applyRateUpdate,
  cancelPledge,
  confirmContribution,
  type ContributionInput,
  type EntryMeta,
  type LedgerEntry,
  type MonthRates,
  type PledgeInput,
  recordAdjustment,
  recordPledge,
  recordReversal,
  rejectContribution,
  reportContribution,
  type AdjustmentTarget,
} from '../../../functions/account/core';

/** Rates per 1 USD; EUR is revised on 2027-03-15, JPY and KWD are not. */
export const RATES: Record<string, MonthRates> = {
  '2026-12': applyRateUpdate(undefined, { month: '2026-12', rates: { EUR: '0.95', JPY: '150', KWD: '0.307' } }),
  '2027-01': applyRateUpdate(undefined, { month: '2027-01', rates: { EUR: '0.9215', JPY: '157.23', KWD: '0.3075' } }),
  '2027-02': applyRateUpdate(undefined, { month: '2027-02', rates: { EUR: '0.9', JPY: '160', KWD: '0.31' } }),
  '2027-03': applyRateUpdate(
    applyRateUpdate(undefined, { month: '2027-03', rates: { EUR: '0.92', JPY: '155', KWD: '0.308' } }),
    { month: '2027-03', effectiveFrom: '2027-03-15', rates: { EUR: '0.8' } },
  ),
  /** A rate of 2 puts 0.01 EUR exactly at half a cent. */
  '2027-04': applyRateUpdate(undefined, { month: '2027-04', rates: { EUR: '2' } }),
};

export function ratesFor(date: string): MonthRates | undefined {
  return RATES[date.slice(0, 7)];
}

/** Appends through the commands, the way an adapter would. */
export class TestLedger {
  entries: LedgerEntry[] = [];
  private seq = 0;

  meta(): EntryMeta {
    this.seq += 1;
    return { entryId: `E${this.seq}`, recordedAt: `2027-01-01T00:00:${String(this.seq % 60).padStart(2, '0')}Z`, recordedBy: 'finance-1' };
  }

  pledge(input: Partial<PledgeInput> & Pick<PledgeInput, 'pledgeId'>): this {
    const full: PledgeInput = { donorId: 'DE', amount: '1000.00', currency: 'EUR', pledgedOn: '2027-01-10', ...input };
    this.entries = appendEntry(this.entries, recordPledge(this.entries, full, this.meta(), ratesFor(full.pledgedOn)));
    return this;
  }

  report(input: Partial<ContributionInput> & Pick<ContributionInput, 'contributionId'>): this {
    const full: ContributionInput = {
      donorId: 'DE',
      amount: '100.00',
      currency: 'EUR',
      valueDate: '2027-01-20',
      reference: 'bank ref',
      ...input,
    };
    this.entries = appendEntry(this.entries, reportContribution(this.entries, full, this.meta()));
    return this;
  }

  confirm(contributionId: string, receivedAmount: string, receivedOn = '2027-01-21'): this {
    const receipt = { number: `R-${contributionId}`, issuedAt: `${receivedOn}T12:00:00Z` };
    const entry = confirmContribution(
      this.entries,
      contributionId,
      { receivedAmount, receivedOn, receipt },
      this.meta(),
      ratesFor(receivedOn),
    );
    this.entries = appendEntry(this.entries, entry);
    return this;
  }

  reject(contributionId: string, reason = 'not found on bank statement'): this {
    this.entries = appendEntry(this.entries, rejectContribution(this.entries, contributionId, reason, this.meta()));
    return this;
  }

  cancel(pledgeId: string, reason = 'withdrawn by donor'): this {
    this.entries = appendEntry(this.entries, cancelPledge(this.entries, pledgeId, reason, this.meta()));
    return this;
  }

  adjust(adjustmentId: string, target: AdjustmentTarget, amountDelta: string, reason = 'correction'): this {
    const entry = recordAdjustment(this.entries, { adjustmentId, target, amountDelta, reason }, this.meta());
    this.entries = appendEntry(this.entries, entry);
    return this;
  }

  reverse(adjustmentId: string, target: AdjustmentTarget, reason = 'reversal'): this {
    this.entries = appendEntry(this.entries, recordReversal(this.entries, { adjustmentId, target, reason }, this.meta()));
    return this;
  }
}

/** Throws the error `fn` throws, so a test can inspect its class and fields. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

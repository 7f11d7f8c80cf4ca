/**
 * Views derived from the ledger: the current state of pledges and contributions, and the
 * installments that are overdue. Everything returned is JSON data with amounts as strings.
 */
import { daysBetween } from './calendar';
import type { Installment, Receipt } from './entries';
import { formatMoney, formatUsd, parseMoney } from './money';
import { sortBy } from './order';
import type { RateRef } from './rates';
import { toUsdCents } from './rates';
import {
  type ContributionRecord,
  type ContributionStatus,
  contributionStatus,
  type Ledger,
  type LedgerState,
  type PledgeRecord,
  receivedOnPledge,
  stateOf,
} from './state';

export type PledgeStatus = 'open' | 'fulfilled' | 'cancelled';

export interface AdjustmentView {
  adjustmentId: string;
  amountDelta: string;
  amountUsdDelta: string;
  reason: string;
  recordedAt: string;
  recordedBy: string;
}

export interface PledgeView {
  pledgeId: string;
  donorId: string;
  /** Current amount: as pledged, plus adjustments. */
  amount: string;
  currency: string;
  pledgedOn: string;
  earmark?: string;
  installments: Installment[];
  /** USD value of the current amount at the pledge's rate. */
  amountUsd: string;
  rate: RateRef;
  status: PledgeStatus;
  /** Received on the pledge by confirmed contributions (pledge currency), after their adjustments. */
  receivedAmount: string;
  /** Amount less received amount, never below zero; zero once cancelled. */
  outstandingAmount: string;
  /** Outstanding amount valued at the pledge's own rate. */
  outstandingUsd: string;
  /** Received beyond the amount (zero unless overpaid). */
  overpaidAmount: string;
  adjustments: AdjustmentView[];
  recordedAt: string;
  recordedBy: string;
  cancelledReason?: string;
}

export interface ContributionView {
  contributionId: string;
  donorId: string;
  /** As reported by the donor. */
  amount: string;
  currency: string;
  valueDate: string;
  reference: string;
  pledgeId?: string;
  status: ContributionStatus;
  /** As confirmed by finance, plus adjustments. */
  receivedAmount?: string;
  receivedOn?: string;
  amountUsd?: string;
  rate?: RateRef;
  receipt?: Receipt;
  rejectedReason?: string;
  adjustments: AdjustmentView[];
  reportedAt: string;
  reportedBy: string;
  confirmedBy?: string;
}

export interface OverdueInstallment {
  pledgeId: string;
  donorId: string;
  currency: string;
  dueOn: string;
  /** The installment as scheduled (after any reduction of the pledge). */
  amount: string;
  /** The part not yet covered by received amounts. */
  outstandingAmount: string;
  outstandingUsd: string;
  daysOverdue: number;
}

/** Numbers behind a pledge view, kept as bigint for the reports. */
export interface PledgeFigures {
  amount: bigint;
  amountUsd: bigint;
  received: bigint;
  outstanding: bigint;
  outstandingUsd: bigint;
  overpaid: bigint;
  status: PledgeStatus;
}

export function pledgeFigures(state: LedgerState, pledge: PledgeRecord): PledgeFigures {
  const received = receivedOnPledge(state, pledge);
  const { rate } = pledge.recorded;
  const cancelled = pledge.cancelled !== undefined;
  const outstanding = cancelled || received >= pledge.amount ? 0n : pledge.amount - received;
  return {
    amount: pledge.amount,
    amountUsd: pledge.amountUsd,
    received,
    outstanding,
    outstandingUsd: toUsdCents(outstanding, pledge.unit, rate.value),
    overpaid: received > pledge.amount ? received - pledge.amount : 0n,
    status: cancelled ? 'cancelled' : outstanding === 0n ? 'fulfilled' : 'open',
  };
}

export function pledgeView(state: LedgerState, pledge: PledgeRecord): PledgeView {
  const p = pledge.recorded;
  const f = pledgeFigures(state, pledge);
  const money = (minor: bigint) => formatMoney(minor, pledge.unit);
  return {
    pledgeId: p.pledgeId,
    donorId: p.donorId,
    amount: money(f.amount),
    currency: p.currency,
    pledgedOn: p.pledgedOn,
    ...(p.earmark !== undefined && { earmark: p.earmark }),
    installments: p.installments.map((x) => ({ ...x })),
    amountUsd: formatUsd(f.amountUsd),
    rate: { ...p.rate },
    status: f.status,
    receivedAmount: money(f.received),
    outstandingAmount: money(f.outstanding),
    outstandingUsd: formatUsd(f.outstandingUsd),
    overpaidAmount: money(f.overpaid),
    adjustments: pledge.adjustments.map(adjustmentView),
    recordedAt: p.recordedAt,
    recordedBy: p.recordedBy,
    ...(pledge.cancelled && { cancelledReason: pledge.cancelled.reason }),
  };
}

export function contributionView(c: ContributionRecord): ContributionView {
  const r = c.reported;
  const confirmed = c.confirmed;
  return {
    contributionId: r.contributionId,
    donorId: r.donorId,
    amount: r.amount,
    currency: r.currency,
    valueDate: r.valueDate,
    reference: r.reference,
    ...(r.pledgeId !== undefined && { pledgeId: r.pledgeId }),
    status: contributionStatus(c),
    ...(confirmed && {
      receivedAmount: formatMoney(c.receivedAmount, c.unit),
      receivedOn: confirmed.receivedOn,
      amountUsd: formatUsd(c.amountUsd),
      rate: { ...confirmed.rate },
      ...(c.receipt && { receipt: { ...c.receipt } }),
      confirmedBy: confirmed.recordedBy,
    }),
    ...(c.rejected && { rejectedReason: c.rejected.reason }),
    adjustments: c.adjustments.map(adjustmentView),
    reportedAt: r.recordedAt,
    reportedBy: r.recordedBy,
  };
}

/** The pledge's current view, or undefined if the ledger does not know it. */
export function findPledge(ledger: Ledger, pledgeId: string): PledgeView | undefined {
  const state = stateOf(ledger);
  const pledge = state.pledges.get(pledgeId);
  return pledge && pledgeView(state, pledge);
}

export function findContribution(ledger: Ledger, contributionId: string): ContributionView | undefined {
  const c = stateOf(ledger).contributions.get(contributionId);
  return c && contributionView(c);
}

/** All pledges, by pledgedOn then id. */
export function listPledges(ledger: Ledger): PledgeView[] {
  const state = stateOf(ledger);
  const views = [...state.pledges.values()].map((p) => pledgeView(state, p));
  return sortBy(views, (v) => v.pledgedOn, (v) => v.pledgeId);
}

/** All contributions, by value date then id. */
export function listContributions(ledger: Ledger): ContributionView[] {
  const views = [...stateOf(ledger).contributions.values()].map(contributionView);
  return sortBy(views, (v) => v.valueDate, (v) => v.contributionId);
}

/**
 * Installments of open pledges due before `today` and not yet covered. Received amounts cover
 * installments in due-date order; a reduction of the pledge removes the latest installments first,
 * an increase adds an unscheduled remainder that is never overdue.
 */
export function overdueInstallments(state: LedgerState, pledge: PledgeRecord, today: string): OverdueInstallment[] {
  const p = pledge.recorded;
  const f = pledgeFigures(state, pledge);
  if (f.status !== 'open') return [];
  const schedule = sortBy(p.installments, (x) => x.dueOn).map((x) => ({
    dueOn: x.dueOn,
    amount: parseMoney(x.amount, pledge.unit),
  }));
  let scheduled = schedule.reduce((sum, x) => sum + x.amount, 0n);
  for (let i = schedule.length - 1; i >= 0 && scheduled > f.amount; i--) {
    const item = schedule[i];
    const cut = scheduled - f.amount < item.amount ? scheduled - f.amount : item.amount;
    item.amount -= cut;
    scheduled -= cut;
  }
  let cover = f.received;
  const overdue: OverdueInstallment[] = [];
  for (const item of schedule) {
    const covered = cover < item.amount ? cover : item.amount;
    cover -= covered;
    const open = item.amount - covered;
    if (open > 0n && item.dueOn < today) {
      overdue.push({
        pledgeId: p.pledgeId,
        donorId: p.donorId,
        currency: p.currency,
        dueOn: item.dueOn,
        amount: formatMoney(item.amount, pledge.unit),
        outstandingAmount: formatMoney(open, pledge.unit),
        outstandingUsd: formatUsd(toUsdCents(open, pledge.unit, p.rate.value)),
        daysOverdue: daysBetween(item.dueOn, today),
      });
    }
  }
  return overdue;
}

/** Every overdue installment in the ledger (for reminders), by due date, pledge. */
export function allOverdueInstallments(ledger: Ledger, today: string): OverdueInstallment[] {
  const state = stateOf(ledger);
  const all = [...state.pledges.values()].flatMap((p) => overdueInstallments(state, p, today));
  return sortBy(all, (x) => x.dueOn, (x) => x.pledgeId);
}

function adjustmentView(a: {
  adjustmentId: string;
  amountDelta: string;
  amountUsdDelta: string;
  reason: string;
  recordedAt: string;
  recordedBy: string;
}): AdjustmentView {
  return {
    adjustmentId: a.adjustmentId,
    amountDelta: a.amountDelta,
    amountUsdDelta: a.amountUsdDelta,
    reason: a.reason,
    recordedAt: a.recordedAt,
    recordedBy: a.recordedBy,
  };
}

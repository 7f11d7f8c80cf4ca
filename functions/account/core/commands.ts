/**
 * Commands: turn a request (already shaped by the adapter) into the ledger entry it appends.
 * Each one normalises amounts, looks up the rate in force, computes USD values, and checks the
 * entry with the ledger's gate (`admitEntry`), so the adapter only has to persist what it gets back.
 * They read the ledger as given (see `Ledger`): a caller that folded it passes the state, and
 * nothing folds it again.
 */
import { isIsoDate } from './calendar';
import type {
  Adjustment,
  AdjustmentTarget,
  ContributionConfirmed,
  ContributionRejected,
  ContributionReported,
  EntryMeta,
  Installment,
  PledgeCancelled,
  PledgeRecorded,
  Receipt,
  ReceiptIssued,
} from './entries';
import { InvalidEntry, LedgerConflict, UnknownRecord } from './errors';
import { DuplicateEntry, adjustable, admitEntry, usdDelta } from './ledger';
import { type CurrencyUnit, currencyUnit, formatMoney, formatUsd, normalizeMoney, parseMoney, parseSignedMoney } from './money';
import { type MonthRates, rateInForce, toUsdCents } from './rates';
import { type Ledger, type LedgerState, stateOf } from './state';

export interface PledgeInput {
  pledgeId: string;
  donorId: string;
  amount: string;
  currency: string;
  pledgedOn: string;
  earmark?: string;
  installments?: Installment[];
}

/** `rates` is the rate table of the month of `pledgedOn` (undefined if there is none). */
export function recordPledge(
  ledger: Ledger,
  input: PledgeInput,
  meta: EntryMeta,
  rates: MonthRates | undefined,
): PledgeRecorded {
  const unit = currencyUnit(input.currency, 'currency');
  requireDate(input.pledgedOn, 'pledgedOn');
  const amount = normalizeMoney(input.amount, unit, 'amount');
  const installments = (input.installments ?? []).map((x, i) => ({
    dueOn: x.dueOn,
    amount: normalizeMoney(x.amount, unit, `installments[${i}].amount`),
  }));
  const rate = rateInForce(rates, input.currency, input.pledgedOn);
  const entry: PledgeRecorded = {
    kind: 'pledge-recorded',
    ...meta,
    donorId: input.donorId,
    pledgeId: input.pledgeId,
    amount,
    currency: input.currency,
    minorUnits: unit.minorUnits,
    pledgedOn: input.pledgedOn,
    ...(input.earmark !== undefined && { earmark: input.earmark }),
    installments,
    amountUsd: formatUsd(toUsdCents(parseMoney(amount, unit), unit, rate.value)),
    rate: { month: rate.month, value: rate.value },
  };
  admitEntry(stateOf(ledger), entry);
  return entry;
}

export function cancelPledge(
  ledger: Ledger,
  pledgeId: string,
  reason: string,
  meta: EntryMeta,
): PledgeCancelled {
  const state = stateOf(ledger);
  const pledge = state.pledges.get(pledgeId);
  if (!pledge) throw new UnknownRecord('pledge', pledgeId);
  const entry: PledgeCancelled = { kind: 'pledge-cancelled', ...meta, donorId: pledge.recorded.donorId, pledgeId, reason };
  admitEntry(state, entry);
  return entry;
}

export interface ContributionInput {
  contributionId: string;
  donorId: string;
  amount: string;
  currency: string;
  valueDate: string;
  reference: string;
  pledgeId?: string;
}

export function reportContribution(
  ledger: Ledger,
  input: ContributionInput,
  meta: EntryMeta,
): ContributionReported {
  const state = stateOf(ledger);
  const unit = reportedUnit(state, input);
  requireDate(input.valueDate, 'valueDate');
  const entry: ContributionReported = {
    kind: 'contribution-reported',
    ...meta,
    donorId: input.donorId,
    contributionId: input.contributionId,
    amount: normalizeMoney(input.amount, unit, 'amount'),
    currency: input.currency,
    minorUnits: unit.minorUnits,
    valueDate: input.valueDate,
    reference: input.reference,
    ...(input.pledgeId !== undefined && { pledgeId: input.pledgeId }),
  };
  admitEntry(state, entry);
  return entry;
}

/**
 * A contribution towards a pledge in its currency is in the pledge's recorded unit, even if
 * ISO 4217 has changed the digits since; any other in today's (a mismatch is refused by the ledger).
 */
function reportedUnit(state: LedgerState, input: ContributionInput): CurrencyUnit {
  const unit = currencyUnit(input.currency, 'currency');
  const pledge = input.pledgeId === undefined ? undefined : state.pledges.get(input.pledgeId);
  return pledge?.unit.currency === input.currency ? pledge.unit : unit;
}

export interface ConfirmationInput {
  receivedAmount: string;
  receivedOn: string;
  /** Only for confirmations written before receipts were entries of their own: see `issueReceipt`. */
  receipt?: Receipt;
}

/** `rates` is the rate table of the month of `receivedOn`. */
export function confirmContribution(
  ledger: Ledger,
  contributionId: string,
  input: ConfirmationInput,
  meta: EntryMeta,
  rates: MonthRates | undefined,
): ContributionConfirmed {
  const state = stateOf(ledger);
  const c = state.contributions.get(contributionId);
  if (!c) throw new UnknownRecord('contribution', contributionId);
  const currency = c.reported.currency;
  requireDate(input.receivedOn, 'receivedOn');
  const receivedAmount = normalizeMoney(input.receivedAmount, c.unit, 'receivedAmount');
  const rate = rateInForce(rates, currency, input.receivedOn);
  const entry: ContributionConfirmed = {
    kind: 'contribution-confirmed',
    ...meta,
    donorId: c.reported.donorId,
    contributionId,
    receivedAmount,
    receivedOn: input.receivedOn,
    amountUsd: formatUsd(toUsdCents(parseMoney(receivedAmount, c.unit), c.unit, rate.value)),
    rate: { month: rate.month, value: rate.value },
    ...(input.receipt && { receipt: input.receipt }),
  };
  admitEntry(state, entry);
  return entry;
}

/** The receipt of a contribution whose confirmation is already in the ledger (numbered by the adapter). */
export function issueReceipt(ledger: Ledger, contributionId: string, receipt: Receipt, meta: EntryMeta): ReceiptIssued {
  const state = stateOf(ledger);
  const c = state.contributions.get(contributionId);
  if (!c) throw new UnknownRecord('contribution', contributionId);
  const entry: ReceiptIssued = { kind: 'receipt-issued', ...meta, donorId: c.reported.donorId, contributionId, receipt };
  admitEntry(state, entry);
  return entry;
}

export function rejectContribution(
  ledger: Ledger,
  contributionId: string,
  reason: string,
  meta: EntryMeta,
): ContributionRejected {
  const state = stateOf(ledger);
  const c = state.contributions.get(contributionId);
  if (!c) throw new UnknownRecord('contribution', contributionId);
  const entry: ContributionRejected = {
    kind: 'contribution-rejected',
    ...meta,
    donorId: c.reported.donorId,
    contributionId,
    reason,
  };
  admitEntry(state, entry);
  return entry;
}

export interface AdjustmentInput {
  adjustmentId: string;
  target: AdjustmentTarget;
  /** Signed, in the target's currency. */
  amountDelta: string;
  reason: string;
}

export function recordAdjustment(
  ledger: Ledger,
  input: AdjustmentInput,
  meta: EntryMeta,
): Adjustment {
  const state = stateOf(ledger);
  checkReplay(state, input, meta, (existing, unit) => parseSignedMoney(existing.amountDelta, unit) === parseSignedMoney(input.amountDelta, unit, 'amountDelta'));
  const donorId = ownerOf(state, input.target);
  const target = adjustable(state, { target: input.target, donorId });
  const delta = parseSignedMoney(input.amountDelta, target.unit, 'amountDelta');
  const entry: Adjustment = {
    kind: 'adjustment',
    ...meta,
    donorId,
    adjustmentId: input.adjustmentId,
    target: input.target,
    amountDelta: formatMoney(delta, target.unit),
    amountUsdDelta: formatUsd(usdDelta(target.amount, delta, target.unit, target.rate)),
    reason: input.reason,
  };
  admitEntry(state, entry);
  return entry;
}

/** An adjustment that takes the target's whole current amount away (a received contribution reversed). */
export function recordReversal(
  ledger: Ledger,
  input: Omit<AdjustmentInput, 'amountDelta'>,
  meta: EntryMeta,
): Adjustment {
  const state = stateOf(ledger);
  checkReplay(state, input, meta, (existing) => amountAfter(state, existing) === 0n);
  const target = adjustable(state, { target: input.target, donorId: ownerOf(state, input.target) });
  if (target.amount === 0n) throw new LedgerConflict(`${target.kind} ${target.id} is already reversed`);
  return recordAdjustment(state, { ...input, amountDelta: formatMoney(-target.amount, target.unit) }, meta);
}

/**
 * An adjustment whose id the ledger holds already is a replay (DuplicateEntry, identical) when
 * it asks for the same change of the same target, for the same reason, by the same person: its
 * entry as recorded is the answer. The change is compared as asked (`sameChange`: the delta,
 * or a reversal that took the whole amount), not recomputed: the entries since may have changed
 * the amount a reversal or a USD value would be computed on.
 */
function checkReplay(
  state: LedgerState,
  input: Omit<AdjustmentInput, 'amountDelta'>,
  meta: EntryMeta,
  sameChange: (existing: Adjustment, unit: CurrencyUnit) => boolean,
): void {
  const existing = state.adjustments.get(input.adjustmentId);
  if (!existing) return;
  const unit = targetRecord(state, existing.target).unit;
  const identical =
    sameTarget(existing.target, input.target) && existing.reason === input.reason && existing.recordedBy === meta.recordedBy && sameChange(existing, unit);
  throw new DuplicateEntry(`adjustment ${input.adjustmentId} is already recorded`, identical, existing);
}

function sameTarget(a: AdjustmentTarget, b: AdjustmentTarget): boolean {
  return 'pledgeId' in a ? 'pledgeId' in b && a.pledgeId === b.pledgeId : 'contributionId' in b && a.contributionId === b.contributionId;
}

/** The adjustment's target, as the fold applied it (an adjustment in the state has one). */
function targetRecord(state: LedgerState, target: AdjustmentTarget): { unit: CurrencyUnit; base: bigint; adjustments: readonly Adjustment[] } {
  if ('pledgeId' in target) {
    const pledge = state.pledges.get(target.pledgeId);
    if (!pledge) throw new UnknownRecord('pledge', target.pledgeId);
    return { unit: pledge.unit, base: parseMoney(pledge.recorded.amount, pledge.unit), adjustments: pledge.adjustments };
  }
  const c = state.contributions.get(target.contributionId);
  if (!c?.confirmed) throw new UnknownRecord('contribution', target.contributionId);
  return { unit: c.unit, base: parseMoney(c.confirmed.receivedAmount, c.unit), adjustments: c.adjustments };
}

/** The target's amount right after `adjustment` (its earlier adjustments and it applied). */
function amountAfter(state: LedgerState, adjustment: Adjustment): bigint {
  const { unit, base, adjustments } = targetRecord(state, adjustment.target);
  let amount = base;
  for (const earlier of adjustments) {
    amount += parseSignedMoney(earlier.amountDelta, unit);
    if (earlier.adjustmentId === adjustment.adjustmentId) break;
  }
  return amount;
}

function ownerOf(state: LedgerState, target: AdjustmentTarget): string {
  if ('pledgeId' in target) {
    const pledge = state.pledges.get(target.pledgeId);
    if (!pledge) throw new UnknownRecord('pledge', target.pledgeId);
    return pledge.recorded.donorId;
  }
  const c = state.contributions.get(target.contributionId);
  if (!c) throw new UnknownRecord('contribution', target.contributionId);
  return c.reported.donorId;
}

function requireDate(value: string, path: string): void {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new InvalidEntry(`${path}: "${value}" is not a date (YYYY-MM-DD)`, path);
}

/**
 * The ledger: an append-only list of entries, never edited; corrections are new entries.
 * `appendEntry` is the single gate: it checks an entry against its schema and the ledger so far,
 * and either returns the longer ledger or throws a named error saying why not.
 */
import { monthOf } from './calendar';
import {
  type Adjustment,
  type ContributionConfirmed,
  type ReceiptIssued,
  type ContributionRejected,
  type ContributionReported,
  type Installment,
  type LedgerEntry,
  LedgerEntrySchema,
  type PledgeCancelled,
  type PledgeRecorded,
  type Receipt,
} from './entries';
import {
  ConflictWithPledge,
  InvalidEntry,
  LedgerConflict,
  UnknownRecord,
} from './errors';
import { assertCurrency, type CurrencyOrUnit, type CurrencyUnit, formatMoney, formatUsd, minorDigits, parseMoney, parseSignedMoney, recordedUnit } from './money';
import { toUsdCents } from './rates';
import {
  type ContributionRecord,
  type ContributionStatus,
  contributionStatus,
  foldLedger,
  type Ledger,
  type LedgerState,
  type PledgeRecord,
  pendingOnPledge,
  receivedOnPledge,
  stateOf,
} from './state';

export { ConflictWithPledge, LedgerConflict, UnknownRecord };

/**
 * The entry, or the fact it records, is already in the ledger: the same entryId, the same
 * pledge/contribution/adjustment id, or a second decision on the same contribution or pledge.
 * `identical` is true when the earlier entry records the same facts (only entryId, recordedAt,
 * and for decisions recordedBy and receipt may differ): a replay, which the adapter answers with
 * the current state instead of an error. `existing` is the earlier entry.
 */
export class DuplicateEntry extends LedgerConflict {
  constructor(
    message: string,
    readonly identical: boolean,
    readonly existing: LedgerEntry,
  ) {
    super(message);
  }
}

/** Returns a new ledger with `entry` appended, or throws why the entry cannot be appended. */
export function appendEntry(entries: readonly LedgerEntry[], entry: LedgerEntry): LedgerEntry[] {
  return [...entries, admitEntry(foldLedger(entries), entry)];
}

/**
 * The same gate over a ledger already folded into `state`: returns the entry as its schema
 * reads it, or throws why it cannot follow that ledger.
 */
export function admitEntry(state: LedgerState, entry: LedgerEntry): LedgerEntry {
  const parsed = LedgerEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues.at(0);
    // Same path style as the money errors: installments[1].amount
    const path = (issue?.path ?? []).map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
    throw new InvalidEntry(`${path || 'entry'}: ${issue?.message ?? 'invalid'}`, path || undefined);
  }
  checkEntry(state, parsed.data);
  return parsed.data;
}

/** Throws if `entry` (already valid against its schema) may not follow the ledger folded into `state`. */
export function checkEntry(state: LedgerState, entry: LedgerEntry): void {
  const sameId = state.entries.get(entry.entryId);
  if (sameId) {
    throw new DuplicateEntry(`entry ${entry.entryId} is already in the ledger`, sameFacts(sameId, entry), sameId);
  }
  switch (entry.kind) {
    case 'pledge-recorded':
      return checkPledgeRecorded(state, entry);
    case 'pledge-cancelled':
      return checkPledgeCancelled(state, entry);
    case 'contribution-reported':
      return checkContributionReported(state, entry);
    case 'contribution-confirmed':
      return checkContributionConfirmed(state, entry);
    case 'contribution-rejected':
      return checkContributionRejected(state, entry);
    case 'receipt-issued':
      return checkReceiptIssued(state, entry);
    case 'adjustment':
      return checkAdjustment(state, entry);
  }
}

/** True when the installments' amounts add up exactly to `amount` (all in `unit`). */
export function installmentsAddUp(amount: string, installments: readonly Installment[], unit: CurrencyOrUnit): boolean {
  const total = installments.reduce(
    (sum, installment, i) => sum + parseMoney(installment.amount, unit, `installments[${i}].amount`),
    0n,
  );
  return total === parseMoney(amount, unit, 'amount');
}

export interface ContributionState {
  status: ContributionStatus;
  reported: ContributionReported;
  confirmed?: ContributionConfirmed;
  rejected?: ContributionRejected;
  receipt?: Receipt;
}

/** Where a contribution stands, with the entries that decided it; undefined if unknown. */
export function contributionState(ledger: Ledger, contributionId: string): ContributionState | undefined {
  const c = stateOf(ledger).contributions.get(contributionId);
  if (!c) return undefined;
  return {
    status: contributionStatus(c),
    reported: c.reported,
    ...(c.confirmed && { confirmed: c.confirmed }),
    ...(c.rejected && { rejected: c.rejected }),
    ...(c.receipt && { receipt: c.receipt }),
  };
}

/**
 * The rule for linking a contribution to a pledge: the pledge exists, is not cancelled, and has
 * the contribution's donor and currency.
 */
export function checkLinkToPledge(
  state: LedgerState,
  link: { pledgeId: string; donorId: string; currency: string },
): PledgeRecord {
  const pledge = state.pledges.get(link.pledgeId);
  if (!pledge) throw new UnknownRecord('pledge', link.pledgeId);
  if (pledge.cancelled) throw new LedgerConflict(`pledge ${link.pledgeId} is cancelled`);
  if (pledge.recorded.donorId !== link.donorId) {
    throw new ConflictWithPledge(
      `pledge ${link.pledgeId} belongs to donor ${pledge.recorded.donorId}, not to ${link.donorId}`,
    );
  }
  if (pledge.recorded.currency !== link.currency) {
    throw new ConflictWithPledge(
      `pledge ${link.pledgeId} is in ${pledge.recorded.currency}; a contribution towards it must be in ${pledge.recorded.currency}, not ${link.currency}`,
    );
  }
  return pledge;
}

function checkPledgeRecorded(state: LedgerState, e: PledgeRecorded): void {
  const existing = state.pledges.get(e.pledgeId);
  if (existing) {
    throw new DuplicateEntry(`pledge ${e.pledgeId} is already recorded`, sameFacts(existing.recorded, e), existing.recorded);
  }
  const unit = newUnit(e, minorDigits(e.currency, 'currency'));
  const amount = positive(e.amount, unit, 'amount', 'a pledge');
  e.installments.forEach((installment, i) =>
    positive(installment.amount, unit, `installments[${i}].amount`, 'an installment'),
  );
  if (e.installments.length > 0 && !installmentsAddUp(e.amount, e.installments, unit)) {
    throw new InvalidEntry(
      `installments add up to ${formatMoney(e.installments.reduce((s, x) => s + parseMoney(x.amount, unit), 0n), unit)} ${e.currency}, not to the pledged ${formatMoney(amount, unit)} ${e.currency}`,
      'installments',
    );
  }
  checkUsdValue(amount, unit, e.rate, e.pledgedOn, e.amountUsd);
}

/**
 * The unit a new pledge or report is recorded in: a currency money can be given in today, and
 * `minorUnits` present and equal to `digits` (today's ISO 4217 digits, or its pledge's), so
 * that it is read the same whatever the list says later.
 */
function newUnit(e: PledgeRecorded | ContributionReported, digits: number): CurrencyUnit {
  assertCurrency(e.currency, 'currency');
  if (e.minorUnits !== digits) {
    throw new InvalidEntry(`minorUnits: an amount in ${e.currency} is recorded with ${digits} minor digits, not ${e.minorUnits ?? 'none'}`, 'minorUnits');
  }
  return { currency: e.currency, minorUnits: digits };
}

function checkPledgeCancelled(state: LedgerState, e: PledgeCancelled): void {
  const pledge = knownPledge(state, e.pledgeId, e.donorId);
  if (pledge.cancelled) {
    const same = pledge.cancelled.reason === e.reason;
    throw new DuplicateEntry(`pledge ${e.pledgeId} is already cancelled`, same, pledge.cancelled);
  }
  if (receivedOnPledge(state, pledge) > 0n) {
    throw new LedgerConflict(
      `pledge ${e.pledgeId} has received contributions; record an adjustment to reduce it instead of cancelling it`,
    );
  }
  const pending = pendingOnPledge(state, pledge);
  if (pending.length > 0) {
    throw new LedgerConflict(
      `pledge ${e.pledgeId} has contributions awaiting confirmation (${pending.join(', ')}); confirm or reject them first`,
    );
  }
}

function checkContributionReported(state: LedgerState, e: ContributionReported): void {
  const existing = state.contributions.get(e.contributionId);
  if (existing) {
    throw new DuplicateEntry(
      `contribution ${e.contributionId} is already reported`,
      sameFacts(existing.reported, e),
      existing.reported,
    );
  }
  // Towards a pledge, amounts are in the pledge's recorded unit, so they add up with the pledge's.
  const pledge = e.pledgeId === undefined ? undefined : state.pledges.get(e.pledgeId);
  const pledgeUnit = pledge?.unit.currency === e.currency ? pledge.unit : undefined;
  const unit = newUnit(e, pledgeUnit ? pledgeUnit.minorUnits : minorDigits(e.currency, 'currency'));
  positive(e.amount, unit, 'amount', 'a contribution');
  if (e.pledgeId !== undefined) checkLinkToPledge(state, { pledgeId: e.pledgeId, donorId: e.donorId, currency: e.currency });
}

function checkContributionConfirmed(state: LedgerState, e: ContributionConfirmed): void {
  const c = knownContribution(state, e.contributionId, e.donorId);
  const currency = c.reported.currency;
  const received = positive(e.receivedAmount, c.unit, 'receivedAmount', 'a received amount');
  if (c.confirmed) {
    const same = c.confirmed.receivedOn === e.receivedOn && parseMoney(c.confirmed.receivedAmount, c.unit) === received;
    throw new DuplicateEntry(
      `contribution ${e.contributionId} is already received (${c.confirmed.receivedAmount} ${currency} on ${c.confirmed.receivedOn})`,
      same,
      c.confirmed,
    );
  }
  if (c.rejected) throw new LedgerConflict(`contribution ${e.contributionId} was rejected and cannot be confirmed`);
  const pledgeId = c.reported.pledgeId;
  if (pledgeId !== undefined && state.pledges.get(pledgeId)?.cancelled) {
    throw new LedgerConflict(`pledge ${pledgeId} of contribution ${e.contributionId} is cancelled`);
  }
  if (e.receipt) checkReceiptUnused(state, e.receipt.number);
  checkUsdValue(received, c.unit, e.rate, e.receivedOn, e.amountUsd);
}

function checkReceiptUnused(state: LedgerState, number: string): void {
  for (const other of state.contributions.values()) {
    if (other.receipt?.number === number) {
      throw new LedgerConflict(`receipt ${number} was already issued for contribution ${other.reported.contributionId}`);
    }
  }
}

function checkReceiptIssued(state: LedgerState, e: ReceiptIssued): void {
  const c = knownContribution(state, e.contributionId, e.donorId);
  if (!c.confirmed) throw new LedgerConflict(`contribution ${e.contributionId} is not received; a receipt follows its confirmation`);
  if (c.receipt) {
    const issued = [...state.entries.values()].find((entry) => entry.kind === 'receipt-issued' && entry.contributionId === e.contributionId);
    throw new DuplicateEntry(`contribution ${e.contributionId} already has receipt ${c.receipt.number}`, c.receipt.number === e.receipt.number, issued ?? c.confirmed);
  }
  checkReceiptUnused(state, e.receipt.number);
}

function checkContributionRejected(state: LedgerState, e: ContributionRejected): void {
  const c = knownContribution(state, e.contributionId, e.donorId);
  if (c.rejected) {
    throw new DuplicateEntry(`contribution ${e.contributionId} is already rejected`, c.rejected.reason === e.reason, c.rejected);
  }
  if (c.confirmed) throw new LedgerConflict(`contribution ${e.contributionId} is already received and cannot be rejected`);
}

function checkAdjustment(state: LedgerState, e: Adjustment): void {
  const existing = state.adjustments.get(e.adjustmentId);
  if (existing) {
    throw new DuplicateEntry(`adjustment ${e.adjustmentId} is already recorded`, sameFacts(existing, e), existing);
  }
  const target = adjustable(state, e);
  const delta = parseSignedMoney(e.amountDelta, target.unit, 'amountDelta');
  if (delta === 0n) throw new InvalidEntry('an adjustment must change the amount', 'amountDelta');
  const after = target.amount + delta;
  if (target.kind === 'pledge' && after <= 0n) {
    throw new LedgerConflict(
      `adjustment would leave pledge ${target.id} at ${formatMoney(after, target.unit)} ${target.currency}; cancel the pledge instead`,
    );
  }
  if (after < 0n) {
    throw new LedgerConflict(
      `adjustment would leave contribution ${target.id} at ${formatMoney(after, target.unit)} ${target.currency}`,
    );
  }
  const expected = usdDelta(target.amount, delta, target.unit, target.rate);
  if (e.amountUsdDelta !== formatUsd(expected)) {
    throw new InvalidEntry(
      `amountUsdDelta must be ${formatUsd(expected)} (the change of USD value at rate ${target.rate}), not ${e.amountUsdDelta}`,
      'amountUsdDelta',
    );
  }
}

/** What an adjustment may change: the current amount, its currency and the rate it is valued at. */
export interface AdjustableAmount {
  kind: 'pledge' | 'contribution';
  id: string;
  amount: bigint;
  currency: string;
  /** The target's recorded unit: the delta is in it. */
  unit: CurrencyUnit;
  rate: string;
}

/** Resolves and checks the target of an adjustment. */
export function adjustable(state: LedgerState, e: Pick<Adjustment, 'target' | 'donorId'>): AdjustableAmount {
  if ('pledgeId' in e.target) {
    const id = e.target.pledgeId;
    const pledge = knownPledge(state, id, e.donorId);
    if (pledge.cancelled) throw new LedgerConflict(`pledge ${id} is cancelled and cannot be adjusted`);
    return { kind: 'pledge', id, amount: pledge.amount, currency: pledge.recorded.currency, unit: pledge.unit, rate: pledge.recorded.rate.value };
  }
  const id = e.target.contributionId;
  const c = knownContribution(state, id, e.donorId);
  if (!c.confirmed) throw new LedgerConflict(`contribution ${id} is not received; only a received amount can be adjusted`);
  const pledgeId = c.reported.pledgeId;
  if (pledgeId !== undefined && state.pledges.get(pledgeId)?.cancelled) {
    throw new LedgerConflict(`contribution ${id} counts towards cancelled pledge ${pledgeId} and cannot be adjusted`);
  }
  return { kind: 'contribution', id, amount: c.receivedAmount, currency: c.reported.currency, unit: c.unit, rate: c.confirmed.rate.value };
}

/**
 * The USD change of an adjustment: value after minus value before at the target's rate, so the
 * USD value of an adjusted amount is always exactly its converted amount (no drift from rounding).
 */
export function usdDelta(before: bigint, delta: bigint, unit: CurrencyOrUnit, rate: string): bigint {
  return toUsdCents(before + delta, unit, rate) - toUsdCents(before, unit, rate);
}

function knownPledge(state: LedgerState, pledgeId: string, donorId: string): PledgeRecord {
  const pledge = state.pledges.get(pledgeId);
  if (!pledge) throw new UnknownRecord('pledge', pledgeId);
  if (pledge.recorded.donorId !== donorId) {
    throw new InvalidEntry(`pledge ${pledgeId} belongs to donor ${pledge.recorded.donorId}, not to ${donorId}`, 'donorId');
  }
  return pledge;
}

function knownContribution(state: LedgerState, contributionId: string, donorId: string): ContributionRecord {
  const c = state.contributions.get(contributionId);
  if (!c) throw new UnknownRecord('contribution', contributionId);
  if (c.reported.donorId !== donorId) {
    throw new InvalidEntry(
      `contribution ${contributionId} belongs to donor ${c.reported.donorId}, not to ${donorId}`,
      'donorId',
    );
  }
  return c;
}

function positive(text: string, unit: CurrencyUnit, path: string, what: string): bigint {
  const minor = parseMoney(text, unit, path);
  if (minor <= 0n) throw new InvalidEntry(`${what} must be more than zero`, path);
  return minor;
}

function checkUsdValue(
  minor: bigint,
  unit: CurrencyUnit,
  rate: { month: string; value: string },
  date: string,
  amountUsd: string,
): void {
  if (rate.month !== monthOf(date)) {
    throw new InvalidEntry(`rate of ${rate.month} does not apply on ${date}`, 'rate.month');
  }
  if (unit.currency === 'USD' && rate.value !== '1') throw new InvalidEntry('the rate of USD is 1', 'rate.value');
  const expected = formatUsd(toUsdCents(minor, unit, rate.value));
  if (amountUsd !== expected) {
    throw new InvalidEntry(`amountUsd must be ${expected} at rate ${rate.value}, not ${amountUsd}`, 'amountUsd');
  }
}

/**
 * Same facts: equal once the bookkeeping fields (entryId, recordedAt) are set aside; an entry
 * written before minor units were recorded has the digits it is read with.
 */
function sameFacts(a: LedgerEntry, b: LedgerEntry): boolean {
  return canonical(facts(a)) === canonical(facts(b));
}

function facts(e: LedgerEntry): LedgerEntry {
  const bookkeeping = { entryId: '', recordedAt: '' };
  if (e.kind === 'pledge-recorded' || e.kind === 'contribution-reported') {
    return { ...e, ...bookkeeping, minorUnits: recordedUnit(e).minorUnits };
  }
  return { ...e, ...bookkeeping };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

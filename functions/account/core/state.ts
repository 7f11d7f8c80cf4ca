/**
 * Folds the append-only ledger into the current state of each pledge and contribution. Both the
 * validation of new entries and the projections read the ledger through this one fold, so they
 * cannot disagree. Entries that do not apply (unknown target, second decision) are skipped, which
 * keeps projections total even over a ledger written without the core's checks.
 */
import type {
  Adjustment,
  ContributionConfirmed,
  ContributionRejected,
  ContributionReported,
  LedgerEntry,
  PledgeCancelled,
  PledgeRecorded,
  Receipt,
} from './entries';
import { type CurrencyUnit, parseMoney, parseSignedMoney, parseUsd, recordedUnit } from './money';

export interface PledgeRecord {
  recorded: PledgeRecorded;
  /** The currency and the minor digits recorded with the pledge: its amounts are read in them. */
  unit: CurrencyUnit;
  cancelled: PledgeCancelled | undefined;
  adjustments: Adjustment[];
  /** Current amount in minor units: the recorded amount plus adjustments. */
  amount: bigint;
  /** Current USD value in cents: recorded amountUsd plus adjustments. */
  amountUsd: bigint;
  /** Contributions linked to the pledge, in ledger order, whatever their status. */
  contributionIds: string[];
}

export type ContributionStatus = 'reported' | 'received' | 'rejected';

export interface ContributionRecord {
  reported: ContributionReported;
  /** The currency and the minor digits recorded with the report. */
  unit: CurrencyUnit;
  confirmed: ContributionConfirmed | undefined;
  rejected: ContributionRejected | undefined;
  /** Issued once the confirmation is in the ledger (older confirmations carry theirs). */
  receipt: Receipt | undefined;
  adjustments: Adjustment[];
  /** Received amount after adjustments (0 until confirmed). */
  receivedAmount: bigint;
  /** USD value of the received amount after adjustments (0 until confirmed). */
  amountUsd: bigint;
}

export interface LedgerState {
  entries: Map<string, LedgerEntry>;
  pledges: Map<string, PledgeRecord>;
  contributions: Map<string, ContributionRecord>;
  adjustments: Map<string, Adjustment>;
}

/**
 * What the core reads a ledger from: its entries, or the state a caller already folded them to,
 * so that one request folds a bucket once however many rules and views look at it.
 */
export type Ledger = readonly LedgerEntry[] | LedgerState;

export function stateOf(ledger: Ledger): LedgerState {
  return isFolded(ledger) ? ledger : foldLedger(ledger);
}

function isFolded(ledger: Ledger): ledger is LedgerState {
  return !Array.isArray(ledger);
}

export function contributionStatus(c: ContributionRecord): ContributionStatus {
  return c.confirmed ? 'received' : c.rejected ? 'rejected' : 'reported';
}

const PHASES = ['contribution-reported', 'pledge-cancelled', 'contribution-confirmed', 'contribution-rejected', 'receipt-issued', 'adjustment'] as const;

/**
 * Records are created, then decided, then adjusted (a valid ledger has them in that order anyway),
 * so a valid ledger folds to the same state anything refers to them, so a valid ledger folds to the same state
 * whatever order storage returns it in; only the order of lists such as adjustments follows it.
 */
export function foldLedger(entries: readonly LedgerEntry[]): LedgerState {
  const state: LedgerState = { entries: new Map(), pledges: new Map(), contributions: new Map(), adjustments: new Map() };
  const later: LedgerEntry[] = [];
  for (const entry of entries) {
    if (state.entries.has(entry.entryId)) continue;
    state.entries.set(entry.entryId, entry);
    if (entry.kind === 'pledge-recorded') applyEntry(state, entry);
    else later.push(entry);
  }
  for (const phase of PHASES) for (const entry of later) if (entry.kind === phase) applyEntry(state, entry);
  return state;
}

function applyEntry(state: LedgerState, entry: LedgerEntry): void {
  switch (entry.kind) {
    case 'pledge-recorded': {
      if (state.pledges.has(entry.pledgeId)) return;
      const unit = recordedUnit(entry);
      state.pledges.set(entry.pledgeId, {
        recorded: entry,
        unit,
        cancelled: undefined,
        adjustments: [],
        amount: parseMoney(entry.amount, unit),
        amountUsd: parseUsd(entry.amountUsd),
        contributionIds: [],
      });
      return;
    }
    case 'pledge-cancelled': {
      const pledge = state.pledges.get(entry.pledgeId);
      if (pledge && !pledge.cancelled) pledge.cancelled = entry;
      return;
    }
    case 'contribution-reported': {
      if (state.contributions.has(entry.contributionId)) return;
      state.contributions.set(entry.contributionId, {
        reported: entry,
        unit: recordedUnit(entry),
        confirmed: undefined,
        rejected: undefined,
        receipt: undefined,
        adjustments: [],
        receivedAmount: 0n,
        amountUsd: 0n,
      });
      if (entry.pledgeId !== undefined) state.pledges.get(entry.pledgeId)?.contributionIds.push(entry.contributionId);
      return;
    }
    case 'contribution-confirmed': {
      const c = state.contributions.get(entry.contributionId);
      if (!c || c.confirmed || c.rejected) return;
      c.confirmed = entry;
      c.receipt = entry.receipt;
      c.receivedAmount = parseMoney(entry.receivedAmount, c.unit);
      c.amountUsd = parseUsd(entry.amountUsd);
      return;
    }
    case 'contribution-rejected': {
      const c = state.contributions.get(entry.contributionId);
      if (c && !c.confirmed && !c.rejected) c.rejected = entry;
      return;
    }
    case 'receipt-issued': {
      const c = state.contributions.get(entry.contributionId);
      if (c?.confirmed && !c.receipt) c.receipt = entry.receipt;
      return;
    }
    case 'adjustment': {
      if (state.adjustments.has(entry.adjustmentId)) return;
      const target = adjustmentTarget(state, entry);
      if (!target) return;
      state.adjustments.set(entry.adjustmentId, entry);
      target.adjustments.push(entry);
      const delta = parseSignedMoney(entry.amountDelta, target.unit);
      const usd = parseUsd(entry.amountUsdDelta);
      if (target.pledge) {
        target.pledge.amount += delta;
        target.pledge.amountUsd += usd;
      } else if (target.contribution) {
        target.contribution.receivedAmount += delta;
        target.contribution.amountUsd += usd;
      }
      return;
    }
  }
}

interface Target {
  pledge?: PledgeRecord;
  contribution?: ContributionRecord;
  adjustments: Adjustment[];
  unit: CurrencyUnit;
}

function adjustmentTarget(state: LedgerState, entry: Adjustment): Target | undefined {
  if ('pledgeId' in entry.target) {
    const pledge = state.pledges.get(entry.target.pledgeId);
    if (!pledge) return undefined;
    return { pledge, adjustments: pledge.adjustments, unit: pledge.unit };
  }
  const contribution = state.contributions.get(entry.target.contributionId);
  if (!contribution || !contribution.confirmed) return undefined;
  return { contribution, adjustments: contribution.adjustments, unit: contribution.unit };
}

/** Sum of the current received amounts of the confirmed contributions linked to a pledge (pledge currency). */
export function receivedOnPledge(state: LedgerState, pledge: PledgeRecord): bigint {
  let total = 0n;
  for (const id of pledge.contributionIds) {
    const c = state.contributions.get(id);
    if (c?.confirmed) total += c.receivedAmount;
  }
  return total;
}

/** Contributions linked to a pledge that still wait for confirmation or rejection. */
export function pendingOnPledge(state: LedgerState, pledge: PledgeRecord): string[] {
  return pledge.contributionIds.filter((id) => {
    const c = state.contributions.get(id);
    return c !== undefined && contributionStatus(c) === 'reported';
  });
}

/**
 * Reports over the ledger: a donor's statement and the account summary, in USD at the rates
 * stored with each amount. Cancelled pledges, and contributions not (yet) received, count nowhere.
 * With `year`, pledges count by pledgedOn, received contributions by receivedOn (their later
 * adjustments with them), and outstanding covers that year's pledges.
 */
import { yearOf } from './calendar';
import { InvalidInput } from './errors';
import { formatUsd } from './money';
import { compareText, sortBy } from './order';
import {
  type ContributionView,
  contributionView,
  type OverdueInstallment,
  overdueInstallments,
  type PledgeView,
  pledgeFigures,
  pledgeView,
} from './projections';
import { type Ledger, type LedgerState, stateOf } from './state';

export interface UsdTotals {
  pledgedUsd: string;
  receivedUsd: string;
  outstandingUsd: string;
}

export interface DonorStatement extends UsdTotals {
  donorId: string;
  year?: number;
  pledges: PledgeView[];
  contributions: ContributionView[];
  overdueInstallments: OverdueInstallment[];
}

export interface DonorTotals extends UsdTotals {
  donorId: string;
}

export interface EarmarkTotals extends UsdTotals {
  /** The pledge's earmark; contributions not linked to an earmarked pledge are "unearmarked". */
  earmark: string;
}

export interface AccountSummary extends UsdTotals {
  year?: number;
  byDonor: DonorTotals[];
  byEarmark: EarmarkTotals[];
}

export const UNEARMARKED = 'unearmarked';

/** One amount that counts in the reports, in USD cents. */
export interface CountedAmount {
  donorId: string;
  earmark: string;
  pledgedUsd: bigint;
  receivedUsd: bigint;
  outstandingUsd: bigint;
}

/** The amounts that count for `year` (all years if undefined): one per pledge and per received contribution. */
export function countedAmounts(state: LedgerState, year?: number): CountedAmount[] {
  checkYear(year);
  return countedWhere(state, (date) => inYear(date, year));
}

/** The amounts whose date (pledgedOn, receivedOn) `counts`: a pledge's outstanding counts with the pledge. */
export function countedWhere(state: LedgerState, counts: (date: string) => boolean): CountedAmount[] {
  const out: CountedAmount[] = [];
  for (const pledge of state.pledges.values()) {
    const p = pledge.recorded;
    if (pledge.cancelled || !counts(p.pledgedOn)) continue;
    const f = pledgeFigures(state, pledge);
    out.push({
      donorId: p.donorId,
      earmark: p.earmark ?? UNEARMARKED,
      pledgedUsd: f.amountUsd,
      receivedUsd: 0n,
      outstandingUsd: f.outstandingUsd,
    });
  }
  for (const c of state.contributions.values()) {
    if (!c.confirmed || !counts(c.confirmed.receivedOn)) continue;
    const pledgeId = c.reported.pledgeId;
    const earmark = (pledgeId !== undefined && state.pledges.get(pledgeId)?.recorded.earmark) || UNEARMARKED;
    out.push({ donorId: c.reported.donorId, earmark, pledgedUsd: 0n, receivedUsd: c.amountUsd, outstandingUsd: 0n });
  }
  return out;
}

export function donorStatement(
  ledger: Ledger,
  donorId: string,
  options: { year?: number; today: string },
): DonorStatement {
  const { year, today } = options;
  const state = stateOf(ledger);
  const totals = sumCents(countedAmounts(state, year).filter((x) => x.donorId === donorId));
  const pledges = [...state.pledges.values()].filter(
    (p) => p.recorded.donorId === donorId && inYear(p.recorded.pledgedOn, year),
  );
  const contributions = [...state.contributions.values()].filter(
    (c) => c.reported.donorId === donorId && inYear(c.confirmed?.receivedOn ?? c.reported.valueDate, year),
  );
  return {
    donorId,
    ...(year !== undefined && { year }),
    ...formatTotals(totals),
    pledges: sortBy(
      pledges.map((p) => pledgeView(state, p)),
      (v) => v.pledgedOn,
      (v) => v.pledgeId,
    ),
    contributions: sortBy(
      contributions.map(contributionView),
      (v) => v.receivedOn ?? v.valueDate,
      (v) => v.contributionId,
    ),
    overdueInstallments: sortBy(
      pledges.flatMap((p) => overdueInstallments(state, p, today)),
      (x) => x.dueOn,
      (x) => x.pledgeId,
    ),
  };
}

export function accountSummary(ledger: Ledger, options: { year?: number } = {}): AccountSummary {
  const { year } = options;
  const counted = countedAmounts(stateOf(ledger), year);
  return {
    ...(year !== undefined && { year }),
    ...formatTotals(sumCents(counted)),
    byDonor: groupBy(counted, (x) => x.donorId).map(([donorId, items]) => ({ donorId, ...formatTotals(sumCents(items)) })),
    byEarmark: groupBy(counted, (x) => x.earmark).map(([earmark, items]) => ({ earmark, ...formatTotals(sumCents(items)) })),
  };
}

export interface Cents {
  pledgedUsd: bigint;
  receivedUsd: bigint;
  outstandingUsd: bigint;
}

export function sumCents(items: readonly Cents[]): Cents {
  const total: Cents = { pledgedUsd: 0n, receivedUsd: 0n, outstandingUsd: 0n };
  for (const x of items) {
    total.pledgedUsd += x.pledgedUsd;
    total.receivedUsd += x.receivedUsd;
    total.outstandingUsd += x.outstandingUsd;
  }
  return total;
}

export function formatTotals(c: Cents): UsdTotals {
  return {
    pledgedUsd: formatUsd(c.pledgedUsd),
    receivedUsd: formatUsd(c.receivedUsd),
    outstandingUsd: formatUsd(c.outstandingUsd),
  };
}

/** Groups by key, groups sorted by key in code-point order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareText(a, b));
}

export function inYear(date: string, year: number | undefined): boolean {
  return year === undefined || yearOf(date) === year;
}

export function checkYear(year: number | undefined): void {
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 9999)) {
    throw new InvalidInput(`year must be a four-digit year, not ${year}`, 'year');
  }
}

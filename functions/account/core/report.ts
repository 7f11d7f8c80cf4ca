/**
 * The tables of the Secretary-General's report on the article 56 account, for one year, derived
 * from the ledger with the same rules (and the same code) as the summary and the statements:
 * pledges count by pledgedOn, received contributions by receivedOn, outstanding with its pledge.
 */
import { yearOf } from './calendar';
import { csvField } from './csv';
import { formatMoney, formatUsd, parseUsd } from './money';
import { compareText, sortBy } from './order';
import { pledgeFigures } from './projections';
import { type Ledger, stateOf } from './state';
import {
  type Cents,
  type EarmarkTotals,
  type UsdTotals,
  accountSummary,
  checkYear,
  countedWhere,
  formatTotals,
  inYear,
  sumCents,
} from './statements';

export interface DonorContributions {
  donorId: string;
  name: string;
  currency: string;
  /** Received in the year in that currency (after corrections). */
  amount: string;
  amountUsd: string;
}

export interface OutstandingPledge {
  donorId: string;
  pledgeId: string;
  outstandingUsd: string;
}

export interface AccountReport {
  year: number;
  contributionsByDonor: DonorContributions[];
  pledgesOutstanding: OutstandingPledge[];
  byEarmark: EarmarkTotals[];
  totals: UsdTotals;
  /** Everything up to the end of the year, since the account opened. */
  sinceInception: UsdTotals & { through: string };
  /** The previous year's totals and the change from them to this year's (signed). */
  previousYear: { year: number; totals: UsdTotals; change: UsdTotals };
}

function change(now: UsdTotals, before: UsdTotals): UsdTotals {
  const delta = (a: string, b: string) => formatUsd(parseUsd(a) - parseUsd(b));
  return {
    pledgedUsd: delta(now.pledgedUsd, before.pledgedUsd),
    receivedUsd: delta(now.receivedUsd, before.receivedUsd),
    outstandingUsd: delta(now.outstandingUsd, before.outstandingUsd),
  };
}

/** `names`: donor id → name (a donor missing from it is shown by its id). */
export function accountReport(ledger: Ledger, options: { year: number; names: Readonly<Record<string, string>> }): AccountReport {
  const { year, names } = options;
  checkYear(year);
  const state = stateOf(ledger);
  const summary = accountSummary(state, { year });

  // Received in the year, per donor and currency (and the digits the amounts were recorded in).
  const received = new Map<string, { donorId: string; currency: string; digits: number; amount: bigint; usd: bigint }>();
  for (const c of state.contributions.values()) {
    if (!c.confirmed || !inYear(c.confirmed.receivedOn, year)) continue;
    const key = `${c.reported.donorId}\u0000${c.unit.currency}\u0000${c.unit.minorUnits}`;
    const row = received.get(key) ?? { donorId: c.reported.donorId, currency: c.unit.currency, digits: c.unit.minorUnits, amount: 0n, usd: 0n };
    row.amount += c.receivedAmount;
    row.usd += c.amountUsd;
    received.set(key, row);
  }
  const contributionsByDonor = sortBy(
    [...received.values()].map((row) => ({
      donorId: row.donorId,
      name: names[row.donorId] ?? row.donorId,
      currency: row.currency,
      amount: formatMoney(row.amount, { currency: row.currency, minorUnits: row.digits }),
      amountUsd: formatUsd(row.usd),
    })),
    (row) => row.donorId,
    (row) => row.currency,
  );

  const pledgesOutstanding: OutstandingPledge[] = [];
  for (const pledge of state.pledges.values()) {
    if (pledge.cancelled || !inYear(pledge.recorded.pledgedOn, year)) continue;
    const { outstandingUsd } = pledgeFigures(state, pledge);
    if (outstandingUsd > 0n) pledgesOutstanding.push({ donorId: pledge.recorded.donorId, pledgeId: pledge.recorded.pledgeId, outstandingUsd: formatUsd(outstandingUsd) });
  }
  pledgesOutstanding.sort((a, b) => compareText(a.donorId, b.donorId) || compareText(a.pledgeId, b.pledgeId));

  const totals: UsdTotals = { pledgedUsd: summary.pledgedUsd, receivedUsd: summary.receivedUsd, outstandingUsd: summary.outstandingUsd };
  const previous = accountSummary(state, { year: year - 1 });
  const previousTotals: UsdTotals = { pledgedUsd: previous.pledgedUsd, receivedUsd: previous.receivedUsd, outstandingUsd: previous.outstandingUsd };
  const inception: Cents = sumCents(countedWhere(state, (date) => yearOf(date) <= year));
  return {
    year,
    contributionsByDonor,
    pledgesOutstanding,
    byEarmark: summary.byEarmark,
    totals,
    sinceInception: { ...formatTotals(inception), through: `${year}-12-31` },
    previousYear: { year: year - 1, totals: previousTotals, change: change(totals, previousTotals) },
  };
}

export const REPORT_CSV_COLUMNS = [
  'table', 'year', 'donorId', 'name', 'pledgeId', 'earmark', 'currency', 'amount', 'amountUsd', 'pledgedUsd', 'receivedUsd', 'outstandingUsd',
] as const;

type ReportRow = Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string>>;

/**
 * The report's tables as one RFC 4180 CSV: every row names its table in the first column, the
 * other columns are those of the JSON (empty where a table has no such field), in the JSON's order.
 */
export function reportCsv(report: AccountReport): string {
  const y = String(report.year);
  const rows: ReportRow[] = [
    ...report.contributionsByDonor.map((r) => ({ table: 'contributionsByDonor', year: y, ...r })),
    ...report.pledgesOutstanding.map((r) => ({ table: 'pledgesOutstanding', year: y, ...r })),
    ...report.byEarmark.map((r) => ({ table: 'byEarmark', year: y, ...r })),
    { table: 'totals', year: y, ...report.totals },
    { table: 'sinceInception', year: y, pledgedUsd: report.sinceInception.pledgedUsd, receivedUsd: report.sinceInception.receivedUsd, outstandingUsd: report.sinceInception.outstandingUsd },
    { table: 'previousYear', year: String(report.previousYear.year), ...report.previousYear.totals },
    { table: 'changeFromPreviousYear', year: y, ...report.previousYear.change },
  ];
  // A negative change is a number, not a formula: it keeps its sign (csvField would quote it as text).
  const cell = (value: string) => (/^-\d+\.\d{2}$/.test(value) ? value : csvField(value));
  const lines = [REPORT_CSV_COLUMNS.join(','), ...rows.map((row) => REPORT_CSV_COLUMNS.map((column) => cell(row[column] ?? '')).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}

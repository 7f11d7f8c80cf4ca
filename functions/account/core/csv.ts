/**
 * CSV export (RFC 4180): a header row, then one row per pledge and per received contribution,
 * ordered by date, then pledges before contributions, then id. CRLF line ends.
 */
import type { LedgerEntry } from './entries';
import { sortBy } from './order';
import { contributionView, pledgeView } from './projections';
import { inYear } from './statements';
import { foldLedger } from './state';

export const CSV_COLUMNS = [
  'type',
  'id',
  'donorId',
  'date',
  'currency',
  'amount',
  'rate',
  'amountUsd',
  'earmark',
  'pledgeId',
  'reference',
  'status',
  'receipt',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

export function exportCsv(entries: readonly LedgerEntry[], options: { year?: number } = {}): string {
  const { year } = options;
  const state = foldLedger(entries);
  const rows: Row[] = [];
  for (const pledge of state.pledges.values()) {
    if (!inYear(pledge.recorded.pledgedOn, year)) continue;
    const v = pledgeView(state, pledge);
    rows.push({
      type: 'pledge',
      id: v.pledgeId,
      donorId: v.donorId,
      date: v.pledgedOn,
      currency: v.currency,
      amount: v.amount,
      rate: v.rate.value,
      amountUsd: v.amountUsd,
      earmark: v.earmark ?? '',
      pledgeId: '',
      reference: '',
      status: v.status,
      receipt: '',
    });
  }
  for (const c of state.contributions.values()) {
    if (!c.confirmed || !inYear(c.confirmed.receivedOn, year)) continue;
    const v = contributionView(c);
    const pledgeId = v.pledgeId ?? '';
    rows.push({
      type: 'contribution',
      id: v.contributionId,
      donorId: v.donorId,
      date: c.confirmed.receivedOn,
      currency: v.currency,
      amount: v.receivedAmount ?? '',
      rate: v.rate?.value ?? '',
      amountUsd: v.amountUsd ?? '',
      earmark: state.pledges.get(pledgeId)?.recorded.earmark ?? '',
      pledgeId,
      reference: v.reference,
      status: v.status,
      receipt: v.receipt?.number ?? '',
    });
  }
  const sorted = sortBy(
    rows,
    (r) => r.date,
    (r) => (r.type === 'pledge' ? '0' : '1'),
    (r) => r.id,
  );
  const lines = [CSV_COLUMNS.join(','), ...sorted.map((r) => CSV_COLUMNS.map((k) => csvField(r[k])).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}

/**
 * Quotes a field when RFC 4180 requires it. Text that a spreadsheet would run as a formula
 * (leading = + - @ or a tab/CR) is prefixed with an apostrophe; no amount we write starts so.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Figures, the statistics behind them, and how they are printed. */

export interface Figure {
  name: string;
  /** The subject's measure (median unless the name says otherwise); null when it could not be measured (a bundle that fails to load). */
  value: number | null;
  /** The floor measured in the same run, or null for a count without one. */
  baseline: number | null;
  /** Cost over floor: 1.0 is the floor, lower is better. */
  ratio: number | null;
  /** The largest ratio allowed. */
  target: number | null;
  unit: string;
  /** Measurements behind the value (processes, requests, documents...). */
  runs: number;
  /** The largest value allowed, for a figure judged on its own (calls, transitions, memory). */
  limit?: number | null;
  /** Whether the figure meets its target and limit; null when it has none or in quick mode. */
  met?: boolean | null;
  note?: string;
}

export interface FigureInput {
  name: string;
  value: number | null;
  baseline?: number | null;
  /** Lower values are better (times, sizes, counts): ratio = value / baseline; otherwise baseline / value. */
  higherIsBetter?: boolean;
  target?: number | null;
  limit?: number | null;
  unit: string;
  runs: number;
  note?: string;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export function figure(input: FigureInput): Figure {
  const baseline = input.baseline ?? null;
  const value = input.value;
  let ratio: number | null = null;
  if (value !== null && baseline !== null && value > 0 && baseline > 0) ratio = round(input.higherIsBetter ? baseline / value : value / baseline);
  const target = input.target ?? null;
  const limit = input.limit ?? null;
  let met: boolean | null = null;
  if (value !== null && (target !== null || limit !== null)) {
    met = (target === null || (ratio !== null && ratio <= target)) && (limit === null || value <= limit);
  }
  return {
    name: input.name,
    value: value === null ? null : round(value),
    baseline: baseline === null ? null : round(baseline),
    ratio,
    target,
    unit: input.unit,
    runs: input.runs,
    ...(input.limit !== undefined ? { limit } : {}),
    met,
    ...(input.note ? { note: input.note } : {}),
  };
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

const formatNumber = (value: number | null, digits = 2) => {
  if (value === null) return '-';
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 100) return value.toFixed(1);
  return value.toFixed(digits);
};

const verdict = (item: Figure) => (item.met === null || item.met === undefined ? '' : item.met ? 'met' : 'MISSED');

function rows(figures: Figure[]): string[][] {
  return figures.map((item) => [
    item.name,
    item.value === null ? (item.note ? 'n/a' : '-') : `${formatNumber(item.value)} ${item.unit}`,
    item.baseline === null ? '-' : `${formatNumber(item.baseline)} ${item.unit}`,
    item.ratio === null ? '-' : item.ratio.toFixed(2),
    [item.target === null ? '' : `≤ ${item.target}×`, item.limit === null || item.limit === undefined ? '' : `≤ ${item.limit} ${item.unit}`].filter(Boolean).join(', ') || '-',
    verdict(item),
    String(item.runs),
  ]);
}

const HEADER = ['figure', 'value', 'baseline', 'ratio', 'target', 'verdict', 'runs'];

/** A plain-text table for the terminal. */
export function textTable(figures: Figure[]): string {
  const all = [HEADER, ...rows(figures)];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(HEADER), widths.map((width) => '-'.repeat(width)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The same table in Markdown, with the notes under it. */
export function markdownTable(figures: Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows(figures)) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return lines.join('\n');
}

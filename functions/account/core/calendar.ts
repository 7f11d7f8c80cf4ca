/** Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) as plain strings, compared lexically. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a real calendar date such as `2028-02-29` (but not `2027-02-29`). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear undoes that for the round-trip check.
  d.setUTCFullYear(year);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isIsoMonth(text: string): boolean {
  return MONTH.test(text);
}

/** `2027-03-14` -> `2027-03`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** `2027-03-14` -> 2027. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

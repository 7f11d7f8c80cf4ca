/**
 * Exact money: amounts are bigint counts of the currency's minor units, never floating point.
 * On the wire an amount is a decimal string with at most the currency's minor digits. Which
 * currencies exist and how many digits they have is ISO 4217's list (iso4217.ts), and an amount
 * once recorded keeps the digits it was recorded with (`CurrencyUnit`), whatever the list says later.
 */
import { InvalidMoney } from './errors';
import { currencyRefusal, isCurrency, minorDigits } from './iso4217';

export { InvalidMoney, isCurrency, minorDigits };
export { ISO_4217_SOURCE, NO_MINOR_UNIT } from './iso4217';

/** At most 15 integer digits: far above any contribution, and keeps strings easy to eyeball. */
const MAX_INTEGER_DIGITS = 15;
const UNSIGNED = /^(\d+)(?:\.(\d+))?$/;

/** A currency with the minor-unit digits its amounts are written in. */
export interface CurrencyUnit {
  currency: string;
  minorUnits: number;
}

/**
 * What the money functions take: a unit, or a bare code, which means the digits ISO 4217 gives
 * it today (right for new input, wrong for stored amounts: read those with `recordedUnit`).
 */
export type CurrencyOrUnit = CurrencyUnit | string;

/** USD values are always in cents: they are the account's reporting unit, not an ISO lookup. */
export const USD_CENTS: Readonly<CurrencyUnit> = Object.freeze({ currency: 'USD', minorUnits: 2 });

export function assertCurrency(code: string, path?: string): void {
  const refusal = currencyRefusal(code);
  if (refusal !== undefined) throw new InvalidMoney(refusal, path);
}

/** The unit a new amount in `code` is recorded in: today's ISO 4217 digits. */
export function currencyUnit(code: string, path?: string): CurrencyUnit {
  return { currency: code, minorUnits: minorDigits(code, path) };
}

/**
 * The unit of a stored amount: the digits its entry recorded. Entries written before digits
 * were recorded have none; their amounts were checked against ICU, which (in Node 22's ICU 78)
 * gives no current ISO currency more digits than ISO does, so today's ISO digits read them unchanged.
 */
export function recordedUnit(entry: { currency: string; minorUnits?: number }): CurrencyUnit {
  return entry.minorUnits === undefined ? currencyUnit(entry.currency) : { currency: entry.currency, minorUnits: entry.minorUnits };
}

function unitOf(unit: CurrencyOrUnit): CurrencyUnit {
  return typeof unit === 'string' ? currencyUnit(unit) : unit;
}

/**
 * Parses a non-negative decimal amount ("250000.00", "12.5", "1500000" for JPY) into minor units.
 * Signs, exponents, spaces, a missing integer part and more decimals than the currency has are
 * refused rather than guessed at.
 */
export function parseMoney(text: string, unit: CurrencyOrUnit, path?: string): bigint {
  const { currency, minorUnits: digits } = unitOf(unit);
  if (typeof text !== 'string') throw new InvalidMoney('an amount must be a decimal string', path);
  const m = UNSIGNED.exec(text);
  if (!m) {
    throw new InvalidMoney(
      `"${text}" is not an amount: write digits with an optional decimal point, e.g. "${formatMinor(250000n * 10n ** BigInt(digits), digits)}"`,
      path,
    );
  }
  const integer = m.at(1) ?? '';
  const fraction = m.at(2) ?? '';
  if (integer.length > 1 && integer.startsWith('0')) {
    throw new InvalidMoney(`"${text}" has leading zeros`, path);
  }
  if (integer.length > MAX_INTEGER_DIGITS) {
    throw new InvalidMoney(`"${text}" has more than ${MAX_INTEGER_DIGITS} integer digits`, path);
  }
  if (fraction.length > digits) {
    throw new InvalidMoney(
      digits === 0
        ? `"${text}" has decimals but ${currency} has no minor unit`
        : `"${text}" has more decimals than ${currency} allows (${digits})`,
      path,
    );
  }
  return BigInt(integer + fraction.padEnd(digits, '0'));
}

/** Like parseMoney but accepts a leading "-" (for adjustment deltas). */
export function parseSignedMoney(text: string, unit: CurrencyOrUnit, path?: string): bigint {
  if (typeof text === 'string' && text.startsWith('-')) return -parseMoney(text.slice(1), unit, path);
  return parseMoney(text, unit, path);
}

/** Minor units -> decimal string with exactly the unit's minor digits ("1.500" for KWD). */
export function formatMoney(minor: bigint, unit: CurrencyOrUnit): string {
  return formatMinor(minor, unitOf(unit).minorUnits);
}

/** USD cents -> "1234.50". */
export function formatUsd(cents: bigint): string {
  return formatMoney(cents, USD_CENTS);
}

/** "1234.50" -> 123450n; accepts a sign, for stored deltas. */
export function parseUsd(text: string): bigint {
  return parseSignedMoney(text, USD_CENTS);
}

/** Re-writes an amount in its canonical form ("12.5" EUR -> "12.50"). */
export function normalizeMoney(text: string, unit: CurrencyOrUnit, path?: string): string {
  return formatMoney(parseMoney(text, unit, path), unit);
}

function formatMinor(minor: bigint, digits: number): string {
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

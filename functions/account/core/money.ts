/**
 * Exact money: amounts are bigint counts of the currency's minor units, never floating point.
 * On the wire an amount is a decimal string with at most the currency's minor digits.
 */
import { InvalidMoney } from './errors';

export { InvalidMoney };

/** At most 15 integer digits: far above any contribution, and keeps strings easy to eyeball. */
const MAX_INTEGER_DIGITS = 15;
const UNSIGNED = /^(\d+)(?:\.(\d+))?$/;

let knownCurrencies: ReadonlySet<string> | undefined;
const digitsCache = new Map<string, number>();

/** A currency is valid iff it is a 3-letter uppercase ISO 4217 code known to the runtime's ICU. */
export function isCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

export function assertCurrency(code: string, path?: string): void {
  if (!isCurrency(code)) throw new InvalidMoney(`"${code}" is not an ISO 4217 currency code`, path);
}

/** Number of minor-unit digits of a currency per ISO 4217 (EUR 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  assertCurrency(currency);
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  // Older lib typings make the option optional; ICU always resolves it for a currency style.
  const resolved = digits ?? 2;
  digitsCache.set(currency, resolved);
  return resolved;
}

/**
 * Parses a non-negative decimal amount ("250000.00", "12.5", "1500000" for JPY) into minor units.
 * Signs, exponents, spaces, a missing integer part and more decimals than the currency has are
 * refused rather than guessed at.
 */
export function parseMoney(text: string, currency: string, path?: string): bigint {
  const digits = minorDigits(currency);
  if (typeof text !== 'string') throw new InvalidMoney('an amount must be a decimal string', path);
  const m = UNSIGNED.exec(text);
  if (!m) {
    throw new InvalidMoney(
      `"${text}" is not an amount: write digits with an optional decimal point, e.g. "${example(currency)}"`,
      path,
    );
  }
  const integer = m[1] ?? '';
  const fraction = m[2] ?? '';
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
export function parseSignedMoney(text: string, currency: string, path?: string): bigint {
  if (typeof text === 'string' && text.startsWith('-')) return -parseMoney(text.slice(1), currency, path);
  return parseMoney(text, currency, path);
}

/** Minor units -> decimal string with exactly the currency's minor digits ("1.500" for KWD). */
export function formatMoney(minor: bigint, currency: string): string {
  return formatMinor(minor, minorDigits(currency));
}

/** USD cents -> "1234.50". */
export function formatUsd(cents: bigint): string {
  return formatMinor(cents, 2);
}

/** "1234.50" -> 123450n; accepts a sign, for stored deltas. */
export function parseUsd(text: string): bigint {
  return parseSignedMoney(text, 'USD');
}

/** Re-writes an amount in its canonical form ("12.5" EUR -> "12.50"). */
export function normalizeMoney(text: string, currency: string, path?: string): string {
  return formatMoney(parseMoney(text, currency, path), currency);
}

function formatMinor(minor: bigint, digits: number): string {
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function example(currency: string): string {
  return formatMoney(250000n * 10n ** BigInt(minorDigits(currency)), currency);
}

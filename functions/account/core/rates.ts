/**
 * UN operational rates of exchange: units of a currency per 1 USD, set monthly, with optional
 * mid-month revisions that supersede the earlier rate from their effective date.
 */
import * as z from 'zod';
import { isIsoDate, isIsoMonth, monthOf } from './calendar';
import { InvalidRate, MissingRate } from './errors';
import { currencyRefusal } from './iso4217';
import { type CurrencyOrUnit, currencyUnit } from './money';

export { MissingRate, InvalidRate };

/** Positive decimal, up to 9 integer digits and 6 decimals ("0.9215", "157.23"). */
const RATE = /^(0|[1-9]\d{0,8})(?:\.(\d{1,6}))?$/;
const CODE = /^[A-Z]{3}$/;

export function isRate(text: string): boolean {
  return RATE.test(text) && /[1-9]/.test(text);
}

const rateText = z.string().refine(isRate, { error: 'a rate is a positive decimal string with at most 6 decimals' });
/** A stored table keeps the codes it was set with, even one ISO 4217 has withdrawn since. */
const currencyCode = z.string().regex(CODE, { error: 'not a 3-letter currency code' });
const ratesByCurrency = z.record(currencyCode, rateText);

export const RateRevisionSchema = z.strictObject({
  effectiveFrom: z.string().refine(isIsoDate, { error: 'not a date (YYYY-MM-DD)' }),
  rates: ratesByCurrency,
});

export const MonthRatesSchema = z.strictObject({
  month: z.string().refine(isIsoMonth, { error: 'not a month (YYYY-MM)' }),
  /** Rates in force from the first day of the month. */
  rates: ratesByCurrency,
  /** Revisions, sorted by effectiveFrom, at most one per day. */
  revisions: z.array(RateRevisionSchema),
});

export type RateRevision = z.infer<typeof RateRevisionSchema>;
export type MonthRates = z.infer<typeof MonthRatesSchema>;

/** What is stored with an amount: the month of the rate table and the rate's value. */
export interface RateRef {
  month: string;
  value: string;
}

export interface RateInForce extends RateRef {
  effectiveFrom: string;
}

export interface RateUpdate {
  month: string;
  rates: Record<string, string>;
  effectiveFrom?: string;
}

/**
 * The rate in force for `currency` on `date`. `month` must be the rate table of the date's month
 * (the adapter loads it); a table of another month, or none, means there is no rate.
 */
export function rateInForce(month: MonthRates | undefined, currency: string, date: string): RateInForce {
  const first = `${monthOf(date)}-01`;
  if (currency === 'USD') return { month: monthOf(date), value: '1', effectiveFrom: first };
  if (!month || month.month !== monthOf(date)) throw new MissingRate(currency, date);
  let found: RateInForce | undefined;
  const base = month.rates[currency] as string | undefined;
  if (base !== undefined) found = { month: month.month, value: base, effectiveFrom: first };
  for (const revision of month.revisions) {
    const value = revision.rates[currency] as string | undefined;
    if (revision.effectiveFrom <= date && value !== undefined) {
      found = { month: month.month, value, effectiveFrom: revision.effectiveFrom };
    }
  }
  if (!found) throw new MissingRate(currency, date);
  return found;
}

/**
 * Converts minor units of `unit` (a recorded unit, or a code for today's ISO 4217 digits) into USD cents at `rate` (units per USD), with exact rational
 * arithmetic, rounded half-up (half away from zero for negative deltas, so that converting -x gives
 * exactly the opposite of converting x).
 */
export function toUsdCents(minor: bigint, unit: CurrencyOrUnit, rate: string): bigint {
  if (!isRate(rate)) throw new InvalidRate(`"${rate}" is not a valid exchange rate`);
  if (minor < 0n) return -toUsdCents(-minor, unit, rate);
  const digits = (typeof unit === 'string' ? currencyUnit(unit) : unit).minorUnits;
  const [integer = '', fraction = ''] = rate.split('.');
  const rateScaled = BigInt(integer + fraction); // rate = rateScaled / 10^fraction.length
  // cents = minor / 10^d / rate * 100 = minor * 100 * 10^s / (10^d * rateScaled)
  const numerator = minor * 100n * 10n ** BigInt(fraction.length);
  const denominator = 10n ** BigInt(digits) * rateScaled;
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Applies a `PUT /exchange-rates/{month}` body to the month's table. Without `effectiveFrom` it
 * replaces the base rates (revisions stay); with it, it records a revision for the currencies it
 * names. A second revision on the same day merges into the first, so a repeated PUT changes nothing.
 * Its currencies must be ones money can be given in today (ISO 4217).
 */
export function applyRateUpdate(existing: MonthRates | undefined, update: RateUpdate): MonthRates {
  return updateTable(existing, update, currencyRefusal);
}

/**
 * Replays a PUT accepted earlier (the stored history): its codes need only be well-formed, so a
 * code ISO 4217 withdrew after the PUT (HRK) does not break the month's table or its history.
 */
export function replayRateUpdate(existing: MonthRates | undefined, update: RateUpdate): MonthRates {
  return updateTable(existing, update, (code) => (CODE.test(code) ? undefined : `"${code}" is not a 3-letter currency code`));
}

function updateTable(existing: MonthRates | undefined, update: RateUpdate, refusal: CodeRefusal): MonthRates {
  const { month, effectiveFrom } = update;
  if (!isIsoMonth(month)) throw new InvalidRate(`"${month}" is not a month (YYYY-MM)`, 'month');
  if (existing && existing.month !== month) {
    throw new InvalidRate(`rates of ${existing.month} cannot be updated as ${month}`, 'month');
  }
  const rates = validRates(update.rates, refusal);
  const current: MonthRates = existing ?? { month, rates: {}, revisions: [] };
  if (effectiveFrom === undefined) return { ...current, rates };

  if (!isIsoDate(effectiveFrom) || monthOf(effectiveFrom) !== month) {
    throw new InvalidRate(`effectiveFrom "${effectiveFrom}" is not a day of ${month}`, 'effectiveFrom');
  }
  const sameDay = current.revisions.find((r) => r.effectiveFrom === effectiveFrom);
  const others = current.revisions.filter((r) => r.effectiveFrom !== effectiveFrom);
  const revision: RateRevision = { effectiveFrom, rates: { ...sameDay?.rates, ...rates } };
  const revisions = [...others, revision].sort((a, b) => compare(a.effectiveFrom, b.effectiveFrom));
  return { ...current, revisions };
}

/** Why a code may not have a rate, or undefined if it may. */
type CodeRefusal = (code: string) => string | undefined;

/** Checks a currency -> rate map; USD is implicit, so only a USD rate of exactly 1 is tolerated (and dropped). */
function validRates(input: Record<string, string>, refusal: CodeRefusal): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [currency, value] of Object.entries(input)) {
    const path = `rates.${currency}`;
    if (typeof value !== 'string' || !isRate(value)) {
      throw new InvalidRate(`rate for ${currency} must be a positive decimal string with at most 6 decimals`, path);
    }
    const refused = refusal(currency);
    if (refused !== undefined) throw new InvalidRate(refused, path);
    if (currency === 'USD') {
      if (Number(value) !== 1) throw new InvalidRate('the rate of USD is always 1', path);
      continue;
    }
    out[currency] = value;
  }
  if (Object.keys(out).length === 0) throw new InvalidRate('rates must name at least one currency other than USD', 'rates');
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

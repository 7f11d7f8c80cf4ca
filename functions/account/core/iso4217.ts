/**
 * The currencies money can be given in, and their minor units, as data: ISO 4217 list one
 * (current currencies and funds), published by the ISO 4217 maintenance agency on 2024-06-25,
 * through the npm package `currency-codes` 2.2.0, which ships that list and its publication
 * date. Never the runtime's ICU: ICU rounds for display (it gives HUF, IDR and COP 0 decimals,
 * ISO 2; IQD 0, ISO 3) and keeps withdrawn codes such as HRK, and a Node upgrade would change it.
 * A newer list changes only amounts recorded after it: each entry keeps the digits it was
 * recorded with.
 */
import { code as isoEntry, publishDate } from 'currency-codes';
import { InvalidMoney } from './errors';

export const ISO_4217_SOURCE = {
  list: 'ISO 4217 list one (current currency & funds code list)',
  publishedOn: publishDate,
  via: 'npm currency-codes 2.2.0',
} as const;

/**
 * Codes whose minor unit ISO 4217 gives as "N.A.": gold, silver, platinum, palladium (XAU, XAG,
 * XPT, XPD), the SDR (XDR), the bond-market units (XBA..XBD), the SUCRE (XSU), the ADB unit of
 * account (XUA), the test code (XTS) and "no currency" (XXX). None is money a donor can give.
 * The package writes "N.A." as 0 digits, the same as JPY, so they are named here;
 * test/unit/account/money.test.ts checks this list against the package's copy of the ISO XML.
 */
export const NO_MINOR_UNIT: ReadonlySet<string> = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
]);

const CODE = /^[A-Z]{3}$/;

/** Why `code` is not a currency money can be given in, or undefined if it is one. */
export function currencyRefusal(code: string): string | undefined {
  const source = `ISO 4217 (list of ${ISO_4217_SOURCE.publishedOn})`;
  if (typeof code !== 'string' || !CODE.test(code)) {
    const upper = typeof code === 'string' ? code.toUpperCase() : '';
    const hint = CODE.test(upper) && isoEntry(upper) ? `; did you mean "${upper}"?` : '';
    return `"${code}" is not an ISO 4217 currency code: write the 3 capital letters of a current currency, e.g. "EUR"${hint}`;
  }
  if (NO_MINOR_UNIT.has(code)) {
    return `"${code}" is not a currency an amount can be given in: ${source} lists it with no minor unit (precious metals, SDR, bond-market units, test and "no currency" codes)`;
  }
  if (!isoEntry(code)) return `"${code}" is not a current currency of ${source}: it is unknown or withdrawn`;
  return undefined;
}

/** True iff `code` is a current ISO 4217 currency with a minor unit (EUR, JPY, HUF; not HRK, XAU, "eur"). */
export function isCurrency(code: string): boolean {
  return currencyRefusal(code) === undefined;
}

/** The minor-unit digits ISO 4217 gives a currency today (EUR 2, JPY 0, HUF 2, IQD 3, KWD 3). */
export function minorDigits(code: string, path?: string): number {
  const refusal = currencyRefusal(code);
  const entry = refusal === undefined ? isoEntry(code) : undefined;
  if (!entry) throw new InvalidMoney(refusal ?? `"${code}" is not an ISO 4217 currency code`, path);
  return entry.digits;
}

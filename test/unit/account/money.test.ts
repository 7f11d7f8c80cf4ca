import {
  formatMoney,
  formatUsd,
  InvalidMoney,
  isCurrency,
  minorDigits,
  normalizeMoney,
  parseMoney,
  parseSignedMoney,
  toUsdCents,
} from '../../../functions/account/core';
import { thrown } from './fixtures';

describe('currencies', () => {
  it('knows minor digits from ISO 4217', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('accepts only 3-letter uppercase ISO 4217 codes', () => {
    expect(isCurrency('EUR')).toBe(true);
    for (const code of ['eur', 'EU', 'EURO', 'XYZ', '', 'E1R']) expect(isCurrency(code)).toBe(false);
    expect(() => minorDigits('XYZ')).toThrow(InvalidMoney);
  });
});

describe('parseMoney', () => {
  it('reads decimal strings into minor units', () => {
    expect(parseMoney('250000.00', 'EUR')).toBe(25_000_000n);
    expect(parseMoney('250000', 'EUR')).toBe(25_000_000n);
    expect(parseMoney('12.5', 'EUR')).toBe(1250n);
    expect(parseMoney('0', 'EUR')).toBe(0n);
    expect(parseMoney('0.01', 'EUR')).toBe(1n);
    expect(parseMoney('1500000', 'JPY')).toBe(1_500_000n);
    expect(parseMoney('1.5', 'KWD')).toBe(1500n);
    expect(parseMoney('1.005', 'KWD')).toBe(1005n);
  });

  it('handles amounts beyond 2^53 exactly', () => {
    expect(parseMoney('999999999999999.99', 'EUR')).toBe(99_999_999_999_999_999n);
    expect(parseMoney('999999999999999.999', 'KWD')).toBe(999_999_999_999_999_999n);
    expect(parseMoney('123456789012345', 'JPY')).toBe(123_456_789_012_345n);
    expect(99_999_999_999_999_999n > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('refuses more decimals than the currency has, with a readable message', () => {
    const error = thrown(() => parseMoney('12.345', 'EUR'));
    expect(error).toBeInstanceOf(InvalidMoney);
    expect((error as InvalidMoney).message).toBe('"12.345" has more decimals than EUR allows (2)');
    expect((error as InvalidMoney).name).toBe('InvalidMoney');
    expect(() => parseMoney('1500000.0', 'JPY')).toThrow('"1500000.0" has decimals but JPY has no minor unit');
    expect(() => parseMoney('1.0001', 'KWD')).toThrow('more decimals than KWD allows (3)');
  });

  it.each([
    '-1.00', '+1.00', '1e5', '1E5', ' 1.00', '1.00 ', '1 000', '1,000.00', '.5', '5.', '', '.', 'abc',
    '0x10', '１２', 'Infinity', 'NaN', '01.00', '1.2.3',
  ])('refuses %j', (text) => {
    expect(() => parseMoney(text, 'EUR')).toThrow(InvalidMoney);
  });

  it('refuses more than 15 integer digits', () => {
    expect(parseMoney('999999999999999', 'EUR')).toBe(99_999_999_999_999_900n);
    expect(() => parseMoney('1000000000000000', 'EUR')).toThrow('more than 15 integer digits');
  });

  it('keeps the field path for the adapter', () => {
    const error = thrown(() => parseMoney('1.234', 'EUR', 'installments[1].amount')) as InvalidMoney;
    expect(error.path).toBe('installments[1].amount');
  });

  it('reads signed amounts for deltas', () => {
    expect(parseSignedMoney('-12.50', 'EUR')).toBe(-1250n);
    expect(parseSignedMoney('12.50', 'EUR')).toBe(1250n);
    expect(() => parseSignedMoney('--1', 'EUR')).toThrow(InvalidMoney);
    expect(() => parseSignedMoney('-+1', 'EUR')).toThrow(InvalidMoney);
  });
});

describe('formatMoney', () => {
  it('writes exactly the minor digits', () => {
    expect(formatMoney(25_000_000n, 'EUR')).toBe('250000.00');
    expect(formatMoney(1_500_000n, 'JPY')).toBe('1500000');
    expect(formatMoney(1500n, 'KWD')).toBe('1.500');
    expect(formatMoney(5n, 'KWD')).toBe('0.005');
    expect(formatMoney(0n, 'EUR')).toBe('0.00');
    expect(formatMoney(-1250n, 'EUR')).toBe('-12.50');
    expect(formatMoney(-5n, 'EUR')).toBe('-0.05');
    expect(formatUsd(99_999_999_999_999_999n)).toBe('999999999999999.99');
  });

  it('round-trips with parseMoney and normalises', () => {
    for (const [text, currency] of [['0.07', 'EUR'], ['123456789012345.67', 'USD'], ['7', 'JPY'], ['0.001', 'KWD']] as const) {
      expect(formatMoney(parseMoney(text, currency), currency)).toBe(text);
    }
    expect(normalizeMoney('12.5', 'EUR')).toBe('12.50');
    expect(normalizeMoney('1', 'KWD')).toBe('1.000');
  });
});

describe('toUsdCents', () => {
  it('is the identity for USD at rate 1', () => {
    expect(toUsdCents(12_345n, 'USD', '1')).toBe(12_345n);
  });

  it('divides by the rate (units per USD)', () => {
    // 250000 EUR / 0.9215 = 271296.798... USD
    expect(toUsdCents(25_000_000n, 'EUR', '0.9215')).toBe(27_129_680n);
    // 1,500,000 JPY / 157.23 = 9540.1641... USD
    expect(toUsdCents(1_500_000n, 'JPY', '157.23')).toBe(954_016n);
    // 1.500 KWD / 0.3075 = 4.878... USD
    expect(toUsdCents(1500n, 'KWD', '0.3075')).toBe(488n);
  });

  it('rounds half-up exactly at half a cent', () => {
    // 0.01 EUR / 2 = 0.005 USD -> 0.01
    expect(toUsdCents(1n, 'EUR', '2')).toBe(1n);
    // 0.03 EUR / 2 = 0.015 -> 0.02
    expect(toUsdCents(3n, 'EUR', '2')).toBe(2n);
    // 1 JPY / 200 = 0.005 -> 0.01; 1 JPY / 200.000001 just below half -> 0.00
    expect(toUsdCents(1n, 'JPY', '200')).toBe(1n);
    expect(toUsdCents(1n, 'JPY', '200.000001')).toBe(0n);
    // 0.001 KWD / 0.2 = 0.005 -> 0.01; / 0.200001 -> 0.00
    expect(toUsdCents(1n, 'KWD', '0.2')).toBe(1n);
    expect(toUsdCents(1n, 'KWD', '0.200001')).toBe(0n);
    // 1.25 USD-equivalent halves: 0.05 EUR / 4 = 0.0125 -> 0.01 (below half)
    expect(toUsdCents(5n, 'EUR', '4')).toBe(1n);
    // 0.07 EUR / 0.4 = 0.175 -> 0.18 (exactly half, up)
    expect(toUsdCents(7n, 'EUR', '0.4')).toBe(18n);
  });

  it('is symmetric for negative deltas (half away from zero)', () => {
    expect(toUsdCents(-3n, 'EUR', '2')).toBe(-2n);
    expect(toUsdCents(-25_000_000n, 'EUR', '0.9215')).toBe(-27_129_680n);
  });

  it('stays exact beyond 2^53', () => {
    // 999,999,999,999,999.99 EUR / 0.5 = 1,999,999,999,999,999.98 USD
    expect(toUsdCents(99_999_999_999_999_999n, 'EUR', '0.5')).toBe(199_999_999_999_999_998n);
    // 123,456,789,012,345 JPY / 3 = 41,152,263,004,115 USD exactly
    expect(toUsdCents(123_456_789_012_345n, 'JPY', '3')).toBe(4_115_226_300_411_500n);
    // 999,999,999,999,999.999 KWD / 0.000001 = 999,999,999,999,999,999,000 USD
    expect(toUsdCents(999_999_999_999_999_999n, 'KWD', '0.000001')).toBe(99_999_999_999_999_999_900_000n);
  });

  it('refuses an invalid rate', () => {
    for (const rate of ['0', '0.000000', '-1', '1e3', '1.1234567', '']) {
      expect(() => toUsdCents(100n, 'EUR', rate)).toThrow();
    }
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as isoPackage from 'currency-codes';
import {
  appendEntry,
  type CurrencyUnit,
  foldLedger,
  formatMoney,
  formatUsd,
  findContribution,
  findPledge,
  InvalidEntry,
  InvalidMoney,
  ISO_4217_SOURCE,
  isCurrency,
  type LedgerEntry,
  LedgerEntrySchema,
  minorDigits,
  NO_MINOR_UNIT,
  normalizeMoney,
  parseMoney,
  parseSignedMoney,
  recordPledge,
  reportContribution,
  toUsdCents,
} from '../../../functions/account/core';
import { thrown } from './fixtures';

type Core = typeof import('../../../functions/account/core');

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

// ---- ISO 4217 as data ---------------------------------------------------------------------------

/** The package's own copy of ISO's XML (list one), the source its data.js was generated from. */
const isoXml = readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
const isoList = new Map<string, string>();
for (const [, block = ''] of isoXml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)) {
  const code = /<Ccy>([A-Z]{3})<\/Ccy>/.exec(block)?.[1];
  const units = /<CcyMnrUnts>([^<]*)<\/CcyMnrUnts>/.exec(block)?.[1];
  if (code !== undefined && units !== undefined) isoList.set(code, units);
}
const givable = [...isoList].filter(([, units]) => units !== 'N.A.').map(([code]) => code);

describe('ISO 4217 is the source of currencies and minor units', () => {
  it('names the list and its publication date, which is the package\'s', () => {
    expect(ISO_4217_SOURCE.publishedOn).toBe('2024-06-25');
    expect(isoPackage.publishDate).toBe('2024-06-25');
    expect(isoXml).toContain('Pblshd="2024-06-25"');
  });

  it.each([
    ['HUF', 2], ['IDR', 2], ['COP', 2], ['IQD', 3], ['JPY', 0], ['KWD', 3], ['EUR', 2], ['USD', 2], ['CLF', 4], ['XOF', 0],
  ] as const)('%s has %i minor digits', (code, digits) => {
    expect(minorDigits(code)).toBe(digits);
    expect(isCurrency(code)).toBe(true);
  });

  it('accepts the amounts ICU refused: HUF 1500000.50, IQD 1250.125', () => {
    expect(parseMoney('1500000.50', 'HUF')).toBe(150_000_050n);
    expect(parseMoney('1250.125', 'IQD')).toBe(1_250_125n);
    expect(normalizeMoney('25000.5', 'IDR')).toBe('25000.50');
    expect(() => parseMoney('1250.1255', 'IQD')).toThrow('more decimals than IQD allows (3)');
  });

  it.each([
    ['HRK', 'withdrawn'], ['SLL', 'withdrawn'], ['ZWL', 'withdrawn'], ['XYZ', 'unknown or withdrawn'],
    ['XAU', 'no minor unit'], ['XAG', 'no minor unit'], ['XPT', 'no minor unit'], ['XPD', 'no minor unit'],
    ['XDR', 'no minor unit'], ['XBA', 'no minor unit'], ['XBD', 'no minor unit'], ['XTS', 'no minor unit'], ['XXX', 'no minor unit'],
    ['eur', 'did you mean "EUR"'], ['EURO', '3 capital letters'], ['Eur', 'did you mean "EUR"'], ['', '3 capital letters'],
  ])('refuses %j: the same InvalidMoney as an unknown code, saying why (%s)', (code, why) => {
    expect(isCurrency(code)).toBe(false);
    const error = thrown(() => minorDigits(code, 'currency')) as InvalidMoney;
    expect(error).toBeInstanceOf(InvalidMoney);
    expect(error.path).toBe('currency');
    expect(error.message).toContain(`"${code}"`);
    expect(error.message).toContain(why);
    expect(() => parseMoney('1', code)).toThrow(InvalidMoney);
  });

  it('knows exactly the "N.A." codes of the ISO list as no money (the package writes them as 0 digits)', () => {
    const notApplicable = [...isoList].filter(([, units]) => units === 'N.A.').map(([code]) => code).sort();
    expect(notApplicable).toEqual([...NO_MINOR_UNIT].sort());
    expect(isoPackage.code('XAU')?.digits).toBe(0);
  });

  it('gives every other code of the ISO list its ISO digits, and nothing outside the list', () => {
    expect(givable.length).toBeGreaterThan(150);
    for (const code of givable) expect([code, minorDigits(code)]).toEqual([code, Number(isoList.get(code))]);
    const accepted = isoPackage.codes().filter(isCurrency).sort();
    expect(accepted).toEqual([...givable].sort());
  });

  it('does not depend on the runtime\'s ICU (Intl lies, the answers are still ISO\'s)', () => {
    const lying = { resolvedOptions: () => ({ maximumFractionDigits: 0, minimumFractionDigits: 0 }), format: () => '0' } as unknown as Intl.NumberFormat;
    const numberFormat = jest.spyOn(Intl, 'NumberFormat').mockImplementation(() => lying);
    const supported = jest.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['HRK', 'SLL', 'XAU']);
    try {
      jest.isolateModules(() => {
        // A fresh load, so no value cached before the stubs can hide a lookup.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads synchronously
        const core = require('../../../functions/account/core') as Core;
        expect(core.minorDigits('HUF')).toBe(2);
        expect(core.minorDigits('IQD')).toBe(3);
        expect(core.minorDigits('KWD')).toBe(3);
        expect(core.isCurrency('HRK')).toBe(false);
        expect(core.isCurrency('XAU')).toBe(false);
        expect(core.isCurrency('EUR')).toBe(true);
        expect(core.formatMoney(core.parseMoney('1500000.50', 'HUF'), 'HUF')).toBe('1500000.50');
      });
      expect(numberFormat).not.toHaveBeenCalled();
      expect(supported).not.toHaveBeenCalled();
    } finally {
      numberFormat.mockRestore();
      supported.mockRestore();
    }
  });

  it('property: every givable ISO currency round-trips any amount at its ISO digits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...givable), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.nat({ max: 4 }), (code, integer, fractionSeed) => {
        const digits = minorDigits(code);
        const minor = integer * 10n ** BigInt(digits) + BigInt(fractionSeed) % 10n ** BigInt(digits);
        const text = formatMoney(minor, code);
        expect(parseMoney(text, code)).toBe(minor);
        expect(text.split('.')[1]?.length ?? 0).toBe(digits);
        // One decimal more than ISO gives is refused.
        expect(() => parseMoney(`${text}${digits === 0 ? '.' : ''}5`, code)).toThrow(InvalidMoney);
      }),
    );
  });
});

// ---- stored amounts keep their minor units ------------------------------------------------------

const at = (n: number) => ({ entryId: `S${n}`, recordedAt: `2027-01-0${n}T09:00:00Z`, recordedBy: 'finance-1' });

/**
 * A HUF pledge, a contribution towards it and its confirmation, as storage returns them, recorded
 * with 0 minor digits (as if ISO 4217 had given HUF 0 then); today's list gives HUF 2.
 */
const hufRecordedWithZero: LedgerEntry[] = [
  {
    kind: 'pledge-recorded', ...at(1), donorId: 'HU', pledgeId: 'HU-P', amount: '1500000', currency: 'HUF', minorUnits: 0,
    pledgedOn: '2027-01-05', installments: [{ dueOn: '2027-01-06', amount: '1000000' }, { dueOn: '2027-12-01', amount: '500000' }],
    amountUsd: '4166.67', rate: { month: '2027-01', value: '360' },
  },
  {
    kind: 'contribution-reported', ...at(2), donorId: 'HU', contributionId: 'HU-C', amount: '500000', currency: 'HUF', minorUnits: 0,
    valueDate: '2027-01-07', reference: 'HU bank', pledgeId: 'HU-P',
  },
  {
    kind: 'contribution-confirmed', ...at(3), donorId: 'HU', contributionId: 'HU-C', receivedAmount: '500000', receivedOn: '2027-01-08',
    amountUsd: '1388.89', rate: { month: '2027-01', value: '360' }, receipt: { number: 'A56/2027/0001', issuedAt: '2027-01-08T12:00:00Z' },
  },
].map((entry) => LedgerEntrySchema.parse(entry));

/** The entry as stored before entries recorded their minor units (JSON, no `minorUnits`). */
function storedBeforeDigits(entry: LedgerEntry): unknown {
  return JSON.parse(JSON.stringify({ ...entry, minorUnits: undefined }));
}

describe('a stored amount is read with the minor units it was recorded with', () => {
  it('reads entries recorded with 0 digits as 0 digits although the table now gives HUF 2', () => {
    expect(minorDigits('HUF')).toBe(2);
    const state = foldLedger(hufRecordedWithZero);
    expect(state.pledges.get('HU-P')?.unit).toEqual({ currency: 'HUF', minorUnits: 0 });
    expect(state.pledges.get('HU-P')?.amount).toBe(1_500_000n);
    expect(findPledge(hufRecordedWithZero, 'HU-P')).toMatchObject({
      amount: '1500000', amountUsd: '4166.67', receivedAmount: '500000', outstandingAmount: '1000000', outstandingUsd: '2777.78', status: 'open',
    });
    expect(findContribution(hufRecordedWithZero, 'HU-C')).toMatchObject({ amount: '500000', receivedAmount: '500000', amountUsd: '1388.89' });
  });

  it('makes a new contribution towards such a pledge agree with the pledge\'s digits, not the table\'s', () => {
    const input = { contributionId: 'HU-C2', donorId: 'HU', currency: 'HUF', valueDate: '2027-02-01', reference: 'second', pledgeId: 'HU-P' };
    const entry = reportContribution(hufRecordedWithZero, { ...input, amount: '250000' }, at(4));
    expect(entry).toMatchObject({ amount: '250000', minorUnits: 0 });
    expect(() => reportContribution(hufRecordedWithZero, { ...input, amount: '250000.50' }, at(4))).toThrow('"250000.50" has decimals but HUF has no minor unit');
    // An entry that claims other digits than its pledge is refused at the field.
    const error = thrown(() => appendEntry(hufRecordedWithZero, { ...entry, amount: '250000.00', minorUnits: 2 })) as InvalidEntry;
    expect(error).toBeInstanceOf(InvalidEntry);
    expect(error.path).toBe('minorUnits');
    // One not towards a pledge is recorded with today's digits.
    expect(reportContribution([], { ...input, pledgeId: undefined, amount: '1500000.50' }, at(4))).toMatchObject({ amount: '1500000.50', minorUnits: 2 });
  });

  it('records new entries with today\'s digits and refuses one that claims others', () => {
    const pledge = recordPledge([], { pledgeId: 'IQ-P', donorId: 'IQ', amount: '1250.125', currency: 'IQD', pledgedOn: '2027-01-05' }, at(1), {
      month: '2027-01', rates: { IQD: '1310' }, revisions: [],
    });
    expect(pledge).toMatchObject({ amount: '1250.125', currency: 'IQD', minorUnits: 3, amountUsd: '0.95' });
    for (const minorUnits of [0, 2, undefined]) {
      const error = thrown(() => appendEntry([], { ...pledge, minorUnits })) as InvalidEntry;
      expect(error).toBeInstanceOf(InvalidEntry);
      expect(error.path).toBe('minorUnits');
    }
  });

  it('reads an entry written before digits were recorded with today\'s ISO digits, which keeps its value', () => {
    // Recorded when ICU gave HUF 0 digits: "1500000" then is 1500000.00 now, and the same USD.
    const legacy = LedgerEntrySchema.parse(storedBeforeDigits(hufRecordedWithZero[0]));
    expect(legacy).not.toHaveProperty('minorUnits');
    expect(findPledge([legacy], 'HU-P')).toMatchObject({ amount: '1500000.00', amountUsd: '4166.67', outstandingUsd: '4166.67' });
    expect(toUsdCents(parseMoney('1500000', { currency: 'HUF', minorUnits: 0 }), { currency: 'HUF', minorUnits: 0 }, '360')).toBe(
      toUsdCents(parseMoney('1500000', 'HUF'), 'HUF', '360'),
    );
  });

  it('keeps reading history in a withdrawn currency, but records nothing new in it', () => {
    const kuna = { ...hufRecordedWithZero[0], currency: 'HRK', minorUnits: 2, amount: '1000.00', installments: [], amountUsd: '150.00', rate: { month: '2022-12', value: '6.666667' }, pledgedOn: '2022-12-01' };
    expect(findPledge([LedgerEntrySchema.parse(kuna)], 'HU-P')).toMatchObject({ amount: '1000.00', currency: 'HRK' });
    const refused = thrown(() => appendEntry([], kuna)) as InvalidMoney;
    expect(refused).toBeInstanceOf(InvalidMoney);
    expect(refused.path).toBe('currency');
    // Without recorded digits there is nothing to read it with: the stored shape says so.
    const legacy = LedgerEntrySchema.safeParse(storedBeforeDigits(kuna));
    expect(legacy.success).toBe(false);
    expect(legacy.error?.issues[0]).toMatchObject({ path: ['minorUnits'], message: expect.stringContaining('HRK') });
  });

  it('survives a change of the ISO table: recorded amounts read the same, new input follows the new table', () => {
    const iqd: LedgerEntry[] = [
      LedgerEntrySchema.parse({
        kind: 'contribution-reported', ...at(1), donorId: 'IQ', contributionId: 'IQ-C', amount: '1250.125', currency: 'IQD', minorUnits: 3,
        valueDate: '2027-01-07', reference: 'IQ bank',
      }),
    ];
    jest.isolateModules(() => {
      // A later list that gives IQD 0 digits.
      jest.doMock('currency-codes', () => {
        const actual = jest.requireActual<typeof isoPackage>('currency-codes');
        return { ...actual, code: (code: string) => (code === 'IQD' ? { ...actual.code('IQD'), digits: 0 } : actual.code(code)) };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads synchronously
        const core = require('../../../functions/account/core') as Core;
      expect(core.minorDigits('IQD')).toBe(0);
      expect(core.findContribution(iqd, 'IQ-C')).toMatchObject({ amount: '1250.125' });
      expect(core.foldLedger(iqd).contributions.get('IQ-C')?.unit).toEqual({ currency: 'IQD', minorUnits: 3 });
      expect(() => core.reportContribution([], { contributionId: 'IQ-C2', donorId: 'IQ', amount: '1.5', currency: 'IQD', valueDate: '2027-02-01', reference: 'x' }, at(2))).toThrow(
        'has decimals but IQD has no minor unit',
      );
    });
    jest.dontMock('currency-codes');
  });

  it('property: an amount recorded with n digits reads back with n, whatever the table gives its currency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...givable), fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 1n, max: 10n ** 15n - 1n }), (currency, minorUnits, minor) => {
        const unit: CurrencyUnit = { currency, minorUnits };
        const stored = LedgerEntrySchema.parse({
          kind: 'pledge-recorded', ...at(1), donorId: 'D', pledgeId: 'P', amount: formatMoney(minor, unit), currency, minorUnits,
          pledgedOn: '2027-01-05', installments: [], amountUsd: '1.00', rate: { month: '2027-01', value: '1' },
        });
        const pledge = foldLedger([stored]).pledges.get('P');
        expect(pledge?.amount).toBe(minor);
        expect(pledge?.unit).toEqual(unit);
        expect(findPledge([stored], 'P')?.amount).toBe(formatMoney(minor, unit));
      }),
    );
  });
});

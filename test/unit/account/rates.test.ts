import {
  applyRateUpdate,
  InvalidRate,
  MissingRate,
  MonthRatesSchema,
  rateInForce,
  replayRateUpdate,
} from '../../../functions/account/core';
import { RATES, thrown } from './fixtures';

describe('rateInForce', () => {
  const march = RATES['2027-03'];

  it('takes the base rate from the first of the month', () => {
    expect(rateInForce(march, 'EUR', '2027-03-01')).toEqual({ month: '2027-03', value: '0.92', effectiveFrom: '2027-03-01' });
  });

  it('keeps the old rate the day before a revision and takes the new one on the day itself', () => {
    expect(rateInForce(march, 'EUR', '2027-03-14').value).toBe('0.92');
    expect(rateInForce(march, 'EUR', '2027-03-15')).toEqual({ month: '2027-03', value: '0.8', effectiveFrom: '2027-03-15' });
    expect(rateInForce(march, 'EUR', '2027-03-31').value).toBe('0.8');
  });

  it('leaves currencies a revision does not name at their earlier rate', () => {
    expect(rateInForce(march, 'JPY', '2027-03-20')).toEqual({ month: '2027-03', value: '155', effectiveFrom: '2027-03-01' });
  });

  it('applies successive revisions in date order, whatever order they were recorded in', () => {
    let month = applyRateUpdate(undefined, { month: '2027-04', rates: { EUR: '0.9', GBP: '0.8' } });
    month = applyRateUpdate(month, { month: '2027-04', effectiveFrom: '2027-04-20', rates: { EUR: '0.7' } });
    month = applyRateUpdate(month, { month: '2027-04', effectiveFrom: '2027-04-10', rates: { EUR: '0.8', GBP: '0.75' } });
    expect(month.revisions.map((r) => r.effectiveFrom)).toEqual(['2027-04-10', '2027-04-20']);
    expect(rateInForce(month, 'EUR', '2027-04-09').value).toBe('0.9');
    expect(rateInForce(month, 'EUR', '2027-04-10').value).toBe('0.8');
    expect(rateInForce(month, 'EUR', '2027-04-25').value).toBe('0.7');
    expect(rateInForce(month, 'GBP', '2027-04-25')).toEqual({ month: '2027-04', value: '0.75', effectiveFrom: '2027-04-10' });
  });

  it('needs no rate for USD', () => {
    expect(rateInForce(undefined, 'USD', '2027-03-14')).toEqual({ month: '2027-03', value: '1', effectiveFrom: '2027-03-01' });
  });

  it('throws MissingRate naming the currency and the date', () => {
    const error = thrown(() => rateInForce(march, 'GBP', '2027-03-14')) as MissingRate;
    expect(error).toBeInstanceOf(MissingRate);
    expect(error.message).toBe('no UN operational rate for GBP on 2027-03-14');
    expect([error.currency, error.date, error.name]).toEqual(['GBP', '2027-03-14', 'MissingRate']);
    expect(() => rateInForce(undefined, 'EUR', '2027-05-01')).toThrow('no UN operational rate for EUR on 2027-05-01');
  });

  it('has no rate before a revision when the month has no base rate for the currency', () => {
    const month = applyRateUpdate(undefined, { month: '2027-06', effectiveFrom: '2027-06-15', rates: { CHF: '0.88' } });
    expect(() => rateInForce(month, 'CHF', '2027-06-14')).toThrow(MissingRate);
    expect(rateInForce(month, 'CHF', '2027-06-15').value).toBe('0.88');
  });

  it('does not use the table of another month', () => {
    expect(() => rateInForce(march, 'EUR', '2027-04-01')).toThrow(MissingRate);
  });
});

describe('applyRateUpdate', () => {
  it('replaces the base rates without touching revisions, and is pure', () => {
    const before = RATES['2027-03'];
    const snapshot = JSON.stringify(before);
    const after = applyRateUpdate(before, { month: '2027-03', rates: { EUR: '0.93' } });
    expect(after.rates).toEqual({ EUR: '0.93' });
    expect(after.revisions).toEqual(before.revisions);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('merges a second revision on the same day, so a repeated PUT changes nothing', () => {
    const once = applyRateUpdate(RATES['2027-03'], { month: '2027-03', effectiveFrom: '2027-03-15', rates: { EUR: '0.8' } });
    expect(once).toEqual(RATES['2027-03']);
    const more = applyRateUpdate(once, { month: '2027-03', effectiveFrom: '2027-03-15', rates: { JPY: '150' } });
    expect(more.revisions).toEqual([{ effectiveFrom: '2027-03-15', rates: { EUR: '0.8', JPY: '150' } }]);
  });

  it('produces data that its schema accepts (for storage round-trips)', () => {
    expect(MonthRatesSchema.parse(JSON.parse(JSON.stringify(RATES['2027-03'])))).toEqual(RATES['2027-03']);
  });

  it.each([
    [{ month: '2027-13', rates: { EUR: '1' } }, 'month'],
    [{ month: '2027-03', rates: {} }, 'rates'],
    [{ month: '2027-03', rates: { EUR: '0' } }, 'rates.EUR'],
    [{ month: '2027-03', rates: { EUR: '-0.9' } }, 'rates.EUR'],
    [{ month: '2027-03', rates: { EUR: '0.1234567' } }, 'rates.EUR'],
    [{ month: '2027-03', rates: { EUR: '1e2' } }, 'rates.EUR'],
    [{ month: '2027-03', rates: { eur: '0.9' } }, 'rates.eur'],
    [{ month: '2027-03', rates: { XYZ: '0.9' } }, 'rates.XYZ'],
    [{ month: '2027-03', rates: { USD: '1.1' } }, 'rates.USD'],
    [{ month: '2027-03', effectiveFrom: '2027-04-01', rates: { EUR: '0.9' } }, 'effectiveFrom'],
    [{ month: '2027-02', effectiveFrom: '2027-02-30', rates: { EUR: '0.9' } }, 'effectiveFrom'],
  ])('refuses %j', (update, path) => {
    const error = thrown(() => applyRateUpdate(undefined, update)) as InvalidRate;
    expect(error).toBeInstanceOf(InvalidRate);
    expect(error.path).toBe(path);
  });

  it('drops a USD rate of exactly 1 and refuses to mix months', () => {
    expect(applyRateUpdate(undefined, { month: '2027-03', rates: { USD: '1.000', EUR: '0.9' } }).rates).toEqual({ EUR: '0.9' });
    expect(() => applyRateUpdate(RATES['2027-03'], { month: '2027-04', rates: { EUR: '0.9' } })).toThrow(InvalidRate);
  });
});

describe('rates and ISO 4217', () => {
  it.each(['HRK', 'SLL', 'XAU', 'XTS', 'huf'])('refuses a rate for %s at its field', (code) => {
    const error = thrown(() => applyRateUpdate(undefined, { month: '2027-03', rates: { EUR: '0.9', [code]: '7.5' } })) as InvalidRate;
    expect(error).toBeInstanceOf(InvalidRate);
    expect(error.path).toBe(`rates.${code}`);
    expect(error.message).toContain(`"${code}"`);
  });

  it('takes rates for the currencies ICU got wrong', () => {
    expect(applyRateUpdate(undefined, { month: '2027-03', rates: { HUF: '360.5', IQD: '1310', IDR: '16250' } }).rates).toEqual({ HUF: '360.5', IQD: '1310', IDR: '16250' });
  });

  it('replays a stored PUT whose code was withdrawn since, so the month and its history still read', () => {
    const stored = { month: '2022-12', rates: { HRK: '7.1', EUR: '0.95' } };
    expect(() => applyRateUpdate(undefined, stored)).toThrow(InvalidRate);
    const table = replayRateUpdate(undefined, stored);
    expect(table.rates).toEqual({ HRK: '7.1', EUR: '0.95' });
    expect(MonthRatesSchema.parse(table)).toEqual(table);
    expect(rateInForce(table, 'EUR', '2022-12-05').value).toBe('0.95');
    // A new PUT on top of it is checked for its own codes only.
    expect(applyRateUpdate(table, { month: '2022-12', effectiveFrom: '2022-12-15', rates: { EUR: '0.96' } }).rates).toEqual(table.rates);
    expect(() => replayRateUpdate(undefined, { month: '2022-12', rates: { hrk: '7.1' } })).toThrow(InvalidRate);
  });
});

/**
 * Property-based tests: random sequences of ledger operations (with replays and invalid ones) are
 * run through the core and through a deliberately simple model using plain integer arithmetic.
 * After every step the core must have accepted exactly what the model accepts, and every report
 * must agree with the model's totals.
 */
import fc from 'fast-check';
import {
  accountSummary,
  allOverdueInstallments,
  appendEntry,
  applyRateUpdate,
  cancelPledge,
  confirmContribution,
  DuplicateEntry,
  donorStatement,
  exportCsv,
  type LedgerEntry,
  listContributions,
  listPledges,
  type MonthRates,
  recordAdjustment,
  recordPledge,
  recordReversal,
  rejectContribution,
  reportContribution,
} from '../../../functions/account/core';

// ---- the model -------------------------------------------------------------------------------

const DIGITS: Record<string, number> = { EUR: 2, JPY: 0, KWD: 3, USD: 2 };
const CURRENCIES = ['EUR', 'JPY', 'KWD', 'USD'] as const;
const DONORS = ['D1', 'D2', 'D3'] as const;
const EARMARKS = [undefined, 'workshops', 'travel'] as const;
const DATES = [
  '2026-12-05', '2026-12-31', '2027-01-01', '2027-01-15', '2027-01-16',
  '2027-02-10', '2027-03-14', '2027-03-15', '2027-03-20', '2027-03-31',
] as const;

/** Raw rate data; 2027-02 has no table and 2026-12 has no KWD, so some amounts have no rate. */
const RAW_RATES: Record<string, { base: Record<string, string>; revisions: [string, Record<string, string>][] }> = {
  '2026-12': { base: { EUR: '0.95', JPY: '150' }, revisions: [] },
  '2027-01': { base: { EUR: '2', JPY: '157.23', KWD: '0.3075' }, revisions: [['2027-01-16', { JPY: '160' }]] },
  '2027-03': {
    base: { EUR: '0.92', JPY: '155', KWD: '0.4' },
    revisions: [['2027-03-15', { EUR: '0.8' }], ['2027-03-20', { KWD: '0.2' }]],
  },
};

function modelRate(currency: string, date: string): string | undefined {
  if (currency === 'USD') return '1';
  const month = RAW_RATES[date.slice(0, 7)] as (typeof RAW_RATES)[string] | undefined;
  if (!month) return undefined;
  let rate = month.base[currency];
  for (const [from, rates] of month.revisions) if (date >= from && rates[currency]) rate = rates[currency];
  return rate;
}

/** Integer-only conversion in Number: amounts stay below 1e6 minor units, so all values are exact. */
function modelUsd(minor: number, currency: string, rate: string): number {
  const [int, frac = ''] = rate.split('.');
  const rateMicros = Number(int) * 1e6 + Number(frac.padEnd(6, '0'));
  const num = minor * 100 * 1e6;
  const den = 10 ** DIGITS[currency] * rateMicros;
  const q = Math.floor(num / den);
  return 2 * (num - q * den) >= den ? q + 1 : q;
}

interface MPledge {
  id: string;
  donor: string;
  currency: string;
  earmark: string | undefined;
  original: number;
  amount: number;
  rate: string;
  scheduled: boolean;
  cancelled: boolean;
  year: number;
}
interface MContribution {
  id: string;
  donor: string;
  currency: string;
  pledgeId: string | undefined;
  status: 'reported' | 'received' | 'rejected';
  received: number;
  rate: string;
  year: number;
}
class Model {
  pledges: MPledge[] = [];
  contributions: MContribution[] = [];
  accepted = 0;

  receivedOn(p: MPledge): number {
    return this.contributions.filter((c) => c.pledgeId === p.id && c.status === 'received').reduce((s, c) => s + c.received, 0);
  }
  pending(p: MPledge): boolean {
    return this.contributions.some((c) => c.pledgeId === p.id && c.status === 'reported');
  }
  outstanding(p: MPledge): number {
    return p.cancelled ? 0 : Math.max(0, p.amount - this.receivedOn(p));
  }
  totals(filter: { donor?: string; year?: number } = {}) {
    const t = { pledged: 0, received: 0, outstanding: 0 };
    for (const p of this.pledges) {
      if (p.cancelled || (filter.donor && p.donor !== filter.donor) || (filter.year && p.year !== filter.year)) continue;
      t.pledged += modelUsd(p.amount, p.currency, p.rate);
      t.outstanding += modelUsd(this.outstanding(p), p.currency, p.rate);
    }
    for (const c of this.contributions) {
      if (c.status !== 'received' || (filter.donor && c.donor !== filter.donor) || (filter.year && c.year !== filter.year)) continue;
      t.received += modelUsd(c.received, c.currency, c.rate);
    }
    return t;
  }
}

// ---- operations ------------------------------------------------------------------------------

const amount = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 999_999 }));
/** Picks an existing pledge, contribution or entry by index (modulo how many there are). */
const pick = fc.nat({ max: 50 });
const Op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('pledge' as const), donor: fc.constantFrom(...DONORS), currency: fc.constantFrom(...CURRENCIES), amount, date: fc.constantFrom(...DATES), earmark: fc.constantFrom(...EARMARKS), installments: fc.nat({ max: 3 }) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('report' as const), donor: fc.constantFrom(...DONORS), currency: fc.constantFrom(...CURRENCIES), amount, date: fc.constantFrom(...DATES), link: fc.option(pick, { nil: undefined, freq: 4 }), matchPledge: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('confirm' as const), pick, amount, date: fc.constantFrom(...DATES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reject' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('adjust' as const), onPledge: fc.boolean(), pick, delta: fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -999_999, max: 999_999 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replay' as const), pick, mode: fc.constantFrom('same' as const, 'newEntryId' as const, 'changed' as const) }) },
);
type Op = typeof Op extends fc.Arbitrary<infer T> ? T : never;

const RATES: Record<string, MonthRates> = {};
for (const [month, raw] of Object.entries(RAW_RATES)) {
  let table = applyRateUpdate(undefined, { month, rates: raw.base });
  for (const [effectiveFrom, rates] of raw.revisions) table = applyRateUpdate(table, { month, effectiveFrom, rates });
  RATES[month] = table;
}
const ratesOn = (date: string) => RATES[date.slice(0, 7)];

const money = (minor: number, currency: string) => {
  const d = DIGITS[currency];
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(minor)).padStart(d + 1, '0');
  return d === 0 ? sign + s : `${sign}${s.slice(0, -d)}.${s.slice(-d)}`;
};
const cents = (usd: string) => Math.round(Number(usd) * 100);
const at = <T>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

/**
 * Applies one operation to both. The model lists the refusals it expects (empty: must be accepted);
 * the core must refuse exactly then, with one of those errors, and leave the ledger as it was.
 */
function step(model: Model, core: { entries: LedgerEntry[]; seq: number }, op: Op): void {
  core.seq += 1;
  const meta = { entryId: `E${core.seq}`, recordedAt: `2027-04-01T00:00:00.${String(core.seq).padStart(3, '0')}Z`, recordedBy: 'tester' };
  let expected: string[] = [];
  let build: (() => LedgerEntry) | undefined;
  let commit: () => void = () => undefined;
  let replayIdentical: boolean | undefined;

  switch (op.op) {
    case 'pledge': {
      const id = `P${core.seq}`;
      const rate = modelRate(op.currency, op.date);
      if (!rate) expected.push('MissingRate');
      const n = Math.min(op.installments, op.amount);
      const parts = Array.from({ length: n }, (_, i) => (i < n - 1 ? Math.floor(op.amount / n) : op.amount - Math.floor(op.amount / n) * (n - 1)));
      build = () =>
        recordPledge(core.entries, {
          pledgeId: id, donorId: op.donor, amount: money(op.amount, op.currency), currency: op.currency, pledgedOn: op.date,
          ...(op.earmark && { earmark: op.earmark }),
          installments: parts.map((a, i) => ({ dueOn: `2027-0${4 + i}-01`, amount: money(a, op.currency) })),
        }, meta, ratesOn(op.date));
      commit = () =>
        model.pledges.push({ id, donor: op.donor, currency: op.currency, earmark: op.earmark, original: op.amount, amount: op.amount, rate: rate!, scheduled: n > 0, cancelled: false, year: Number(op.date.slice(0, 4)) });
      break;
    }
    case 'report': {
      const id = `C${core.seq}`;
      const pledge = op.link === undefined ? undefined : at(model.pledges, op.link);
      const donor = pledge && op.matchPledge ? pledge.donor : op.donor;
      const currency = pledge && op.matchPledge ? pledge.currency : op.currency;
      if (pledge?.cancelled) expected.push('LedgerConflict');
      else if (pledge && (pledge.donor !== donor || pledge.currency !== currency)) expected.push('ConflictWithPledge');
      build = () =>
        reportContribution(core.entries, {
          contributionId: id, donorId: donor, amount: money(op.amount, currency), currency, valueDate: op.date, reference: `ref ${id}`,
          ...(pledge && { pledgeId: pledge.id }),
        }, meta);
      commit = () => model.contributions.push({ id, donor, currency, pledgeId: pledge?.id, status: 'reported', received: 0, rate: '', year: 0 });
      break;
    }
    case 'confirm': {
      const c = at(model.contributions, op.pick);
      if (!c) return;
      const rate = modelRate(c.currency, op.date);
      if (!rate) expected.push('MissingRate');
      if (c.status === 'received') expected.push('DuplicateEntry');
      if (c.status === 'rejected') expected.push('LedgerConflict');
      build = () =>
        confirmContribution(core.entries, c.id, { receivedAmount: money(op.amount, c.currency), receivedOn: op.date, receipt: { number: `R-${c.id}`, issuedAt: meta.recordedAt } }, meta, ratesOn(op.date));
      commit = () => Object.assign(c, { status: 'received', received: op.amount, rate, year: Number(op.date.slice(0, 4)) });
      break;
    }
    case 'reject': {
      const c = at(model.contributions, op.pick);
      if (!c) return;
      if (c.status === 'received') expected.push('LedgerConflict');
      if (c.status === 'rejected') expected.push('DuplicateEntry');
      build = () => rejectContribution(core.entries, c.id, 'not on the bank statement', meta);
      commit = () => (c.status = 'rejected');
      break;
    }
    case 'cancel': {
      const p = at(model.pledges, op.pick);
      if (!p) return;
      if (p.cancelled) expected.push('DuplicateEntry');
      else if (model.receivedOn(p) > 0 || model.pending(p)) expected.push('LedgerConflict');
      build = () => cancelPledge(core.entries, p.id, 'withdrawn', meta);
      commit = () => (p.cancelled = true);
      break;
    }
    case 'adjust':
    case 'reverse': {
      const id = `A${core.seq}`;
      const onPledge = op.op === 'adjust' && op.onPledge;
      const target = onPledge ? at(model.pledges, op.pick) : at(model.contributions, op.pick);
      if (!target) return;
      let delta = op.op === 'adjust' ? op.delta : 0;
      if ('original' in target) {
        if (target.cancelled) expected.push('LedgerConflict');
        else if (delta === 0) expected.push('InvalidEntry');
        else if (target.amount + delta <= 0) expected.push('LedgerConflict');
        commit = () => (target.amount += delta);
      } else {
        const pledge = model.pledges.find((p) => p.id === target.pledgeId);
        if (op.op === 'reverse') delta = -target.received;
        if (target.status !== 'received' || pledge?.cancelled) expected.push('LedgerConflict');
        else if (op.op === 'reverse' && target.received === 0) expected.push('LedgerConflict');
        else if (delta === 0) expected.push('InvalidEntry');
        else if (target.received + delta < 0) expected.push('LedgerConflict');
        commit = () => (target.received += delta);
      }
      const ref = 'original' in target ? { pledgeId: target.id } : { contributionId: target.id };
      build = () =>
        op.op === 'reverse'
          ? recordReversal(core.entries, { adjustmentId: id, target: ref, reason: 'reversed' }, meta)
          : recordAdjustment(core.entries, { adjustmentId: id, target: ref, amountDelta: money(delta, target.currency), reason: 'corrected' }, meta);
      break;
    }
    case 'replay': {
      const earlier = at(core.entries, op.pick);
      if (!earlier) return;
      expected = ['DuplicateEntry'];
      replayIdentical = op.mode !== 'changed';
      build = () =>
        op.mode === 'same' ? earlier : op.mode === 'newEntryId' ? { ...earlier, ...meta } : { ...earlier, recordedBy: 'someone else' };
      break;
    }
  }

  const before = core.entries;
  let error: unknown;
  try {
    core.entries = appendEntry(core.entries, build());
  } catch (e) {
    error = e;
  }
  if (expected.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what appendEntry threw, an Error in practice
    if (error) throw new Error(`${JSON.stringify(op)} refused: ${String(error)}`);
    commit();
    model.accepted += 1;
  } else {
    if (!error) throw new Error(`${JSON.stringify(op)} accepted, model expected ${expected.join('|')}`);
    expect(expected).toContain((error as Error).name);
    expect(core.entries).toBe(before);
    if (replayIdentical !== undefined) expect(error instanceof DuplicateEntry ? error.identical : error).toBe(replayIdentical);
  }
}

// ---- the checks ------------------------------------------------------------------------------

const UNSIGNED = /^\d+(\.\d+)?$/;

function checkAmountsDeep(value: unknown, key = ''): void {
  if (typeof value === 'string' && /(amount|Usd|Amount)$/.test(key) && !/Delta$/.test(key)) {
    expect(value).toMatch(UNSIGNED);
  } else if (Array.isArray(value)) value.forEach((v) => checkAmountsDeep(v, key));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkAmountsDeep(v, k);
}

function usd(n: number): string {
  return money(n, 'USD');
}

function check(model: Model, entries: LedgerEntry[]): void {
  expect(entries).toHaveLength(model.accepted);
  expect(new Set(entries.map((e) => e.entryId)).size).toBe(entries.length);

  const summary = accountSummary(entries);
  const t = model.totals();
  expect([summary.pledgedUsd, summary.receivedUsd, summary.outstandingUsd]).toEqual([usd(t.pledged), usd(t.received), usd(t.outstanding)]);
  checkAmountsDeep(summary);
  for (const groups of [summary.byDonor, summary.byEarmark]) {
    const sum = (k: 'pledgedUsd' | 'receivedUsd' | 'outstandingUsd') => usd(groups.reduce((s, g) => s + cents(g[k]), 0));
    expect([sum('pledgedUsd'), sum('receivedUsd'), sum('outstandingUsd')]).toEqual([summary.pledgedUsd, summary.receivedUsd, summary.outstandingUsd]);
  }

  // Years partition the totals: every counted amount belongs to exactly one year.
  const years = [2026, 2027].map((year) => {
    const s = accountSummary(entries, { year });
    const m = model.totals({ year });
    expect([s.pledgedUsd, s.receivedUsd, s.outstandingUsd]).toEqual([usd(m.pledged), usd(m.received), usd(m.outstanding)]);
    return s;
  });
  for (const k of ['pledgedUsd', 'receivedUsd', 'outstandingUsd'] as const) {
    expect(usd(years.reduce((s, y) => s + cents(y[k]), 0))).toBe(summary[k]);
  }

  for (const donor of DONORS) {
    const s = donorStatement(entries, donor, { today: '2027-03-31' });
    const m = model.totals({ donor });
    expect([s.pledgedUsd, s.receivedUsd, s.outstandingUsd]).toEqual([usd(m.pledged), usd(m.received), usd(m.outstanding)]);
    checkAmountsDeep(s);
  }

  // No entry counted twice: the totals are exactly the sums of the views that count.
  const pledges = listPledges(entries);
  const contributions = listContributions(entries);
  expect(usd(pledges.filter((p) => p.status !== 'cancelled').reduce((s, p) => s + cents(p.amountUsd), 0))).toBe(summary.pledgedUsd);
  expect(usd(contributions.filter((c) => c.status === 'received').reduce((s, c) => s + cents(c.amountUsd ?? '0'), 0))).toBe(summary.receivedUsd);
  expect(pledges).toHaveLength(model.pledges.length);
  expect(contributions).toHaveLength(model.contributions.length);

  for (const view of pledges) {
    const p = model.pledges.find((x) => x.id === view.pledgeId)!;
    const received = model.receivedOn(p);
    const minor = (s: string) => Math.round(Number(s) * 10 ** DIGITS[p.currency]);
    expect(view.amount).toBe(money(p.amount, p.currency));
    expect(view.receivedAmount).toBe(money(received, p.currency));
    expect(view.outstandingAmount).toBe(money(model.outstanding(p), p.currency));
    expect(view.status).toBe(p.cancelled ? 'cancelled' : model.outstanding(p) === 0 ? 'fulfilled' : 'open');
    // pledged = received + outstanding - overpaid (or everything written off by a cancellation)
    if (!p.cancelled) expect(minor(view.amount)).toBe(minor(view.receivedAmount) + minor(view.outstandingAmount) - minor(view.overpaidAmount));
    checkAmountsDeep(view);
  }
  for (const view of contributions) {
    const c = model.contributions.find((x) => x.id === view.contributionId)!;
    expect(view.status).toBe(c.status);
    if (c.status === 'received') {
      expect(view.receivedAmount).toBe(money(c.received, c.currency));
      expect(view.amountUsd).toBe(usd(modelUsd(c.received, c.currency, c.rate)));
    } else expect(view.amountUsd).toBeUndefined();
    checkAmountsDeep(view);
  }

  // Far in the future every installment is due: what is overdue is the scheduled part not received.
  const overdue = allOverdueInstallments(entries, '2099-01-01');
  for (const p of model.pledges) {
    const expectedOverdue = p.cancelled || !p.scheduled ? 0 : Math.max(0, Math.min(p.amount, p.original) - model.receivedOn(p));
    const got = overdue.filter((x) => x.pledgeId === p.id).reduce((s, x) => s + Math.round(Number(x.outstandingAmount) * 10 ** DIGITS[p.currency]), 0);
    expect(got).toBe(expectedOverdue);
  }

  const rows = exportCsv(entries).split('\r\n').filter(Boolean);
  expect(rows).toHaveLength(1 + model.pledges.length + model.contributions.filter((c) => c.status === 'received').length);
}

describe('the ledger against a simple model', () => {
  it('accepts and refuses the same operations and reports the same totals after every step', () => {
    fc.assert(
      fc.property(fc.array(Op, { minLength: 1, maxLength: 40, size: 'max' }), (ops) => {
        const model = new Model();
        const core = { entries: [] as LedgerEntry[], seq: 0 };
        for (const op of ops) {
          step(model, core, op);
          check(model, core.entries);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an identical replay of every entry of a ledger, and knows it is a replay', () => {
    fc.assert(
      fc.property(fc.array(Op, { minLength: 1, maxLength: 30, size: 'max' }), (ops) => {
        const model = new Model();
        const core = { entries: [] as LedgerEntry[], seq: 0 };
        for (const op of ops) step(model, core, op);
        for (const entry of core.entries) {
          let error: unknown;
          try {
            appendEntry(core.entries, JSON.parse(JSON.stringify(entry)) as LedgerEntry);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DuplicateEntry);
          expect((error as DuplicateEntry).identical).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

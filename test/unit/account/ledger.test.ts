import {
  appendEntry,
  ConflictWithPledge,
  confirmContribution,
  issueReceipt,
  rejectContribution,
  contributionState,
  DuplicateEntry,
  InvalidEntry,
  InvalidMoney,
  installmentsAddUp,
  LedgerConflict,
  LedgerEntrySchema,
  MissingRate,
  recordAdjustment,
  recordPledge,
  recordReversal,
  reportContribution,
  UnknownRecord,
  type PledgeRecorded,
} from '../../../functions/account/core';
import { RATES, TestLedger, thrown } from './fixtures';

const meta = { entryId: 'X1', recordedAt: '2027-01-10T09:00:00Z', recordedBy: 'donor-DE' };

describe('recording a pledge', () => {
  it('normalises amounts, values it at the rate in force and is a valid entry', () => {
    const entry = recordPledge(
      [],
      {
        pledgeId: 'P1',
        donorId: 'DE',
        amount: '250000',
        currency: 'EUR',
        pledgedOn: '2027-01-10',
        earmark: 'workshops',
        installments: [
          { dueOn: '2027-02-01', amount: '100000' },
          { dueOn: '2027-06-01', amount: '150000.0' },
        ],
      },
      meta,
      RATES['2027-01'],
    );
    expect(entry).toEqual({
      kind: 'pledge-recorded',
      ...meta,
      donorId: 'DE',
      pledgeId: 'P1',
      amount: '250000.00',
      currency: 'EUR',
      minorUnits: 2,
      pledgedOn: '2027-01-10',
      earmark: 'workshops',
      installments: [
        { dueOn: '2027-02-01', amount: '100000.00' },
        { dueOn: '2027-06-01', amount: '150000.00' },
      ],
      amountUsd: '271296.80',
      rate: { month: '2027-01', value: '0.9215' },
    });
    expect(LedgerEntrySchema.parse(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
  });

  it('refuses installments that do not add up', () => {
    const input = {
      pledgeId: 'P1',
      donorId: 'DE',
      amount: '1000',
      currency: 'EUR',
      pledgedOn: '2027-01-10',
      installments: [{ dueOn: '2027-02-01', amount: '999.99' }],
    };
    const error = thrown(() => recordPledge([], input, meta, RATES['2027-01'])) as InvalidEntry;
    expect(error).toBeInstanceOf(InvalidEntry);
    expect(error.message).toBe('installments add up to 999.99 EUR, not to the pledged 1000.00 EUR');
    expect(error.path).toBe('installments');
    expect(installmentsAddUp('1000', [{ dueOn: '2027-02-01', amount: '999.99' }, { dueOn: '2027-03-01', amount: '0.01' }], 'EUR')).toBe(true);
    expect(installmentsAddUp('1000', [], 'EUR')).toBe(false);
  });

  it('refuses a zero amount, bad money and a missing rate', () => {
    const base = { pledgeId: 'P1', donorId: 'DE', currency: 'EUR', pledgedOn: '2027-01-10' };
    expect(() => recordPledge([], { ...base, amount: '0.00' }, meta, RATES['2027-01'])).toThrow('a pledge must be more than zero');
    expect(() => recordPledge([], { ...base, amount: '1.234' }, meta, RATES['2027-01'])).toThrow(InvalidMoney);
    expect(() => recordPledge([], { ...base, amount: '10', currency: 'GBP' }, meta, RATES['2027-01'])).toThrow(
      new MissingRate('GBP', '2027-01-10'),
    );
    expect(() => recordPledge([], { ...base, amount: '10', pledgedOn: '2027-02-30' }, meta, RATES['2027-01'])).toThrow(InvalidEntry);
  });

  it('accepts USD without a rate table', () => {
    const entry = recordPledge([], { pledgeId: 'P1', donorId: 'US', amount: '10', currency: 'USD', pledgedOn: '2027-05-02' }, meta, undefined);
    expect([entry.amountUsd, entry.rate]).toEqual(['10.00', { month: '2027-05', value: '1' }]);
  });
});

describe('appendEntry', () => {
  const ledger = () => new TestLedger().pledge({ pledgeId: 'P1' });
  const first = () => ledger().entries[0] as PledgeRecorded;

  it('returns a new list and never touches the old one', () => {
    const l = ledger();
    const before = l.entries;
    const after = appendEntry(before, reportContribution(before, { contributionId: 'C1', donorId: 'DE', amount: '1', currency: 'EUR', valueDate: '2027-01-12', reference: 'r' }, { ...meta, entryId: 'X2' }));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(2);
  });

  it('refuses the same entry twice and says it is an identical replay', () => {
    const entries = ledger().entries;
    const error = thrown(() => appendEntry(entries, first())) as DuplicateEntry;
    expect(error).toBeInstanceOf(DuplicateEntry);
    expect(error).toBeInstanceOf(LedgerConflict);
    expect(error.identical).toBe(true);
    expect(error.existing).toEqual(first());
  });

  it('treats the same facts under a new entryId and time as a replay, other facts as a conflict', () => {
    const entries = ledger().entries;
    const replay = thrown(() => appendEntry(entries, { ...first(), entryId: 'other', recordedAt: '2027-02-01T00:00:00Z' })) as DuplicateEntry;
    expect(replay.identical).toBe(true);
    const clash = thrown(() => appendEntry(entries, { ...first(), entryId: 'other', earmark: 'x' })) as DuplicateEntry;
    expect([clash.identical, clash.message]).toEqual([false, 'pledge P1 is already recorded']);
    const sameEntryId = thrown(() =>
      appendEntry(entries, { kind: 'pledge-cancelled', entryId: first().entryId, recordedAt: meta.recordedAt, recordedBy: 'x', donorId: 'DE', pledgeId: 'P1', reason: 'r' }),
    ) as DuplicateEntry;
    expect([sameEntryId.identical, sameEntryId.message]).toEqual([false, 'entry E1 is already in the ledger']);
  });

  it('refuses entries that break the schema, with a path', () => {
    const error = thrown(() => appendEntry([], { ...first(), amountUsd: '12.3' })) as InvalidEntry;
    expect(error).toBeInstanceOf(InvalidEntry);
    expect(error.path).toBe('amountUsd');
    expect(() => appendEntry([], { ...first(), extra: 1 } as PledgeRecorded)).toThrow(InvalidEntry);
    const badInstallment = thrown(() => appendEntry([], { ...first(), installments: [{ dueOn: '2027-02-30', amount: '1' }] })) as InvalidEntry;
    expect(badInstallment.path).toBe('installments[0].dueOn');
    expect(() => appendEntry([], { ...first(), earmark: 'a\u0000b' })).toThrow(InvalidEntry);
    expect(() => appendEntry([], { ...first(), donorId: 'a b' })).toThrow(InvalidEntry);
  });

  it('refuses a USD value that does not follow from the rate', () => {
    expect(() => appendEntry([], { ...first(), amountUsd: '1085.18' })).toThrow('amountUsd must be 1085.19 at rate 0.9215, not 1085.18');
    expect(() => appendEntry([], { ...first(), rate: { month: '2027-02', value: '0.9215' } })).toThrow(InvalidEntry);
  });
});

describe('contributions and pledges', () => {
  it('links a contribution only to a pledge of the same donor and currency', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1' }).pledge({ pledgeId: 'P2', donorId: 'FR' });
    const otherCurrency = thrown(() => l.report({ contributionId: 'C1', pledgeId: 'P1', currency: 'JPY', amount: '100' })) as ConflictWithPledge;
    expect(otherCurrency).toBeInstanceOf(ConflictWithPledge);
    expect(otherCurrency.message).toBe('pledge P1 is in EUR; a contribution towards it must be in EUR, not JPY');
    const otherDonor = thrown(() => l.report({ contributionId: 'C1', pledgeId: 'P2' })) as ConflictWithPledge;
    expect(otherDonor.message).toBe('pledge P2 belongs to donor FR, not to DE');
    expect(thrown(() => l.report({ contributionId: 'C1', pledgeId: 'P9' }))).toEqual(new UnknownRecord('pledge', 'P9'));
    l.report({ contributionId: 'C1', pledgeId: 'P1' });
    expect(contributionState(l.entries, 'C1')?.status).toBe('reported');
  });

  it('confirms or rejects only a reported contribution', () => {
    const l = new TestLedger().report({ contributionId: 'C1' }).report({ contributionId: 'C2' });
    l.confirm('C1', '99.50').reject('C2');
    expect(contributionState(l.entries, 'C1')?.status).toBe('received');
    expect(contributionState(l.entries, 'C1')?.confirmed?.receivedAmount).toBe('99.50');
    expect(contributionState(l.entries, 'C2')?.status).toBe('rejected');
    expect(contributionState(l.entries, 'C3')).toBeUndefined();
    expect(() => l.reject('C1')).toThrow('contribution C1 is already received and cannot be rejected');
    expect(() => l.confirm('C2', '1')).toThrow('contribution C2 was rejected and cannot be confirmed');
    expect(thrown(() => l.confirm('C3', '1'))).toBeInstanceOf(UnknownRecord);
  });

  it('answers a repeated confirmation with the same data as a replay, other data as a conflict', () => {
    const l = new TestLedger().report({ contributionId: 'C1' }).confirm('C1', '99.5');
    const replay = thrown(() => l.confirm('C1', '99.50')) as DuplicateEntry;
    expect([replay.identical, replay.existing.kind]).toEqual([true, 'contribution-confirmed']);
    const other = thrown(() => l.confirm('C1', '99.00')) as DuplicateEntry;
    expect(other.identical).toBe(false);
    expect(other.message).toBe('contribution C1 is already received (99.50 EUR on 2027-01-21)');
    expect((thrown(() => l.reject('C9')) as UnknownRecord).message).toBe('unknown contribution C9');
  });

  it('refuses a confirmation without a rate for the receipt date, recording nothing', () => {
    const l = new TestLedger().report({ contributionId: 'C1' });
    const before = l.entries;
    expect(() => l.confirm('C1', '100', '2027-05-02')).toThrow(new MissingRate('EUR', '2027-05-02'));
    expect(l.entries).toBe(before);
  });

  it('refuses a receipt number issued twice', () => {
    const l = new TestLedger().report({ contributionId: 'C1' }).report({ contributionId: 'C2' }).confirm('C1', '1');
    const confirmed = l.entries.find((e) => e.kind === 'contribution-confirmed');
    expect(confirmed).toBeDefined();
    const entry = { ...confirmed!, entryId: 'X', contributionId: 'C2' };
    expect(() => appendEntry(l.entries, entry)).toThrow('receipt R-C1 was already issued for contribution C1');
  });

  it('issues a receipt only after the confirmation is in the ledger, once, with a number no other contribution has', () => {
    const l = new TestLedger().report({ contributionId: 'C1' }).report({ contributionId: 'C2' }).report({ contributionId: 'C3' });
    const receipt = (number: string) => ({ number, issuedAt: '2027-01-21T12:00:00Z' });
    expect(() => issueReceipt(l.entries, 'C1', receipt('A56/2027/0001'), meta)).toThrow('contribution C1 is not received; a receipt follows its confirmation');
    l.entries = appendEntry(l.entries, confirmContribution(l.entries, 'C1', { receivedAmount: '100', receivedOn: '2027-01-21' }, { ...meta, entryId: 'K1' }, RATES['2027-01']));
    expect(contributionState(l.entries, 'C1')).toMatchObject({ status: 'received' });
    expect(contributionState(l.entries, 'C1')?.receipt).toBeUndefined();
    const issued = issueReceipt(l.entries, 'C1', receipt('A56/2027/0001'), { ...meta, entryId: 'K2' });
    l.entries = appendEntry(l.entries, issued);
    expect(contributionState(l.entries, 'C1')?.receipt).toEqual(receipt('A56/2027/0001'));
    const again = thrown(() => issueReceipt(l.entries, 'C1', receipt('A56/2027/0001'), { ...meta, entryId: 'K3' })) as DuplicateEntry;
    expect([again.identical, again.existing]).toEqual([true, issued]);
    expect((thrown(() => issueReceipt(l.entries, 'C1', receipt('A56/2027/0002'), { ...meta, entryId: 'K4' })) as DuplicateEntry).identical).toBe(false);
    l.entries = appendEntry(l.entries, confirmContribution(l.entries, 'C2', { receivedAmount: '100', receivedOn: '2027-01-21' }, { ...meta, entryId: 'K5' }, RATES['2027-01']));
    expect(() => issueReceipt(l.entries, 'C2', receipt('A56/2027/0001'), { ...meta, entryId: 'K6' })).toThrow('receipt A56/2027/0001 was already issued for contribution C1');
    l.entries = appendEntry(l.entries, rejectContribution(l.entries, 'C3', 'not on the statement', { ...meta, entryId: 'K7' }));
    expect(() => issueReceipt(l.entries, 'C3', receipt('A56/2027/0002'), { ...meta, entryId: 'K8' })).toThrow(LedgerConflict);
  });

  it('cancels a pledge only when nothing is received or pending, and refuses links to it afterwards', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1' }).report({ contributionId: 'C1', pledgeId: 'P1' });
    expect(() => l.cancel('P1')).toThrow('pledge P1 has contributions awaiting confirmation (C1); confirm or reject them first');
    l.confirm('C1', '10');
    expect(() => l.cancel('P1')).toThrow('record an adjustment to reduce it instead');
    l.reverse('A1', { contributionId: 'C1' });
    l.cancel('P1');
    expect(thrown(() => l.cancel('P1'))).toMatchObject({ name: 'DuplicateEntry', identical: true });
    expect(() => l.report({ contributionId: 'C2', pledgeId: 'P1' })).toThrow('pledge P1 is cancelled');
    expect(() => l.adjust('A2', { pledgeId: 'P1' }, '5')).toThrow('pledge P1 is cancelled and cannot be adjusted');
    expect(() => l.adjust('A2', { contributionId: 'C1' }, '5')).toThrow('counts towards cancelled pledge P1');
  });
});

describe('adjustments', () => {
  it('computes the USD change at the target rate, without rounding drift', () => {
    // At 2 EUR per USD, 0.02 EUR is 0.01 USD and so is 0.01 EUR (half a cent, rounded up):
    // converting each -0.01 EUR on its own would take 0.02 USD away from a 0.01 USD contribution.
    const l = new TestLedger().report({ contributionId: 'C1', amount: '0.02' }).confirm('C1', '0.02', '2027-04-01');
    expect(contributionState(l.entries, 'C1')?.confirmed?.amountUsd).toBe('0.01');
    l.adjust('A1', { contributionId: 'C1' }, '-0.01').adjust('A2', { contributionId: 'C1' }, '-0.01');
    const deltas = l.entries.filter((e) => e.kind === 'adjustment').map((e) => e.amountUsdDelta);
    expect(deltas).toEqual(['0.00', '-0.01']);
  });

  it('refuses a wrong USD delta, a zero delta, and amounts that would go negative', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1' }).report({ contributionId: 'C1' });
    expect(() => l.adjust('A1', { contributionId: 'C1' }, '-1')).toThrow('contribution C1 is not received; only a received amount can be adjusted');
    l.confirm('C1', '100');
    expect(() => l.adjust('A1', { contributionId: 'C1' }, '0')).toThrow('an adjustment must change the amount');
    expect(() => l.adjust('A1', { contributionId: 'C1' }, '-100.01')).toThrow('adjustment would leave contribution C1 at -0.01 EUR');
    expect(() => l.adjust('A1', { pledgeId: 'P1' }, '-1000')).toThrow('cancel the pledge instead');
    expect(() => l.reverse('A1', { pledgeId: 'P1' })).toThrow(LedgerConflict);
    l.adjust('A1', { pledgeId: 'P1' }, '-100');
    const entry = l.entries.at(-1);
    expect(entry).toMatchObject({ kind: 'adjustment', amountDelta: '-100.00', amountUsdDelta: '-108.52', donorId: 'DE' });
    if (entry?.kind !== 'adjustment') throw new Error('expected an adjustment');
    expect(() => appendEntry(l.entries, { ...entry, entryId: 'Y', adjustmentId: 'A9', amountUsdDelta: '-108.51' })).toThrow(
      'amountUsdDelta must be -108.52',
    );
    l.reverse('A2', { contributionId: 'C1' });
    expect(() => l.reverse('A3', { contributionId: 'C1' })).toThrow('contribution C1 is already reversed');
  });

  it('an adjustment asked again under its id is a replay of the entry as recorded, even once later entries changed the amount', () => {
    // 0.01 EUR at 2 EUR per USD: its USD value depends on the amount it is taken from (no drift).
    const l = new TestLedger().report({ contributionId: 'C1', amount: '0.02' }).confirm('C1', '0.02', '2027-04-01');
    l.adjust('A1', { contributionId: 'C1' }, '-0.01', 'bank charges');
    const recorded = l.entries.at(-1);
    const again = thrown(() => recordAdjustment(l.entries, { adjustmentId: 'A1', target: { contributionId: 'C1' }, amountDelta: '-0.01', reason: 'bank charges' }, l.meta()));
    expect(again).toMatchObject({ identical: true, existing: recorded });
    expect(again).toBeInstanceOf(DuplicateEntry);
    // The same id asking for another change, for another reason, or on another target is not a replay.
    for (const other of [{ amountDelta: '-0.02' }, { reason: 'other' }, { target: { pledgeId: 'C1' } }]) {
      const input = { adjustmentId: 'A1', target: { contributionId: 'C1' }, amountDelta: '-0.01', reason: 'bank charges', ...other };
      expect(thrown(() => recordAdjustment(l.entries, input, l.meta()))).toMatchObject({ identical: false });
    }

    l.reverse('R1', { contributionId: 'C1' }, 'returned');
    const reversal = l.entries.at(-1);
    // Asked again once the amount is 0: the reversal it was, not "already reversed".
    expect(thrown(() => recordReversal(l.entries, { adjustmentId: 'R1', target: { contributionId: 'C1' }, reason: 'returned' }, l.meta()))).toMatchObject({ identical: true, existing: reversal });
    // An id whose delta left an amount is not a reversal; the delta a reversal took is what it recorded.
    expect(thrown(() => recordReversal(l.entries, { adjustmentId: 'A1', target: { contributionId: 'C1' }, reason: 'bank charges' }, l.meta()))).toMatchObject({ identical: false });
    expect(thrown(() => recordAdjustment(l.entries, { adjustmentId: 'R1', target: { contributionId: 'C1' }, amountDelta: '-0.02', reason: 'returned' }, l.meta()))).toMatchObject({ identical: false });
  });
});

import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '../../shared/errors';
import {
  DuplicateEntry,
  type ContributionView,
  type EntryMeta,
  type LedgerEntry,
  type LedgerState,
  type PledgeView,
  contributionView,
  overdueInstallments,
  pledgeView,
  yearOf,
} from '../core';
import type { AccountStores } from '../adapters/account-stores';
import { type Appended, type Bucket, type FoldedBucket, type Placement, folded } from '../adapters/ledger-store';
import type { Locator, RecordType } from '../adapters/records';

const MAX_ATTEMPTS = 8;

/** Who appends an entry and when. */
export function entryMeta(actor: string, now: Date): EntryMeta {
  return { entryId: randomUUID(), recordedAt: now.toISOString(), recordedBy: actor };
}

/**
 * Where an entry counts besides its home year (see ledger-store): a contribution in the year of
 * its value date, and once received in the year of its receipt; its receipt and an adjustment
 * of a received contribution with it. A confirmation carries the report (and its pledge, for
 * the earmark); a receipt its confirmation.
 */
export function placementOf(entry: LedgerEntry, state: LedgerState, homeYear: number): Placement {
  const years = new Set<number>();
  const context: LedgerEntry[] = [];
  const contribution = (id: string) => state.contributions.get(id);
  switch (entry.kind) {
    case 'contribution-reported':
      years.add(yearOf(entry.valueDate));
      break;
    case 'contribution-rejected': {
      const c = contribution(entry.contributionId);
      if (c) years.add(yearOf(c.reported.valueDate));
      break;
    }
    case 'contribution-confirmed': {
      const c = contribution(entry.contributionId);
      if (!c) break;
      years.add(yearOf(c.reported.valueDate));
      years.add(yearOf(entry.receivedOn));
      context.push(c.reported);
      const pledge = c.reported.pledgeId === undefined ? undefined : state.pledges.get(c.reported.pledgeId);
      if (pledge) context.push(pledge.recorded);
      break;
    }
    case 'receipt-issued': {
      // Wherever its confirmation counts, with it, so a statement that sees one sees the other.
      const c = contribution(entry.contributionId);
      if (!c?.confirmed) break;
      years.add(yearOf(c.reported.valueDate));
      years.add(yearOf(c.confirmed.receivedOn));
      context.push(c.reported, c.confirmed);
      break;
    }
    case 'adjustment': {
      const c = 'contributionId' in entry.target ? contribution(entry.target.contributionId) : undefined;
      if (c?.confirmed) years.add(yearOf(c.confirmed.receivedOn));
      break;
    }
    default:
      break;
  }
  years.delete(homeYear);
  return { alsoYears: [...years].sort(), context };
}

/** The first installment not yet covered by received amounts, if the pledge is open. */
function nextDueOn(state: LedgerState, pledgeId: string): string | undefined {
  const pledge = state.pledges.get(pledgeId);
  return pledge ? overdueInstallments(state, pledge, '9999-12-31')[0]?.dueOn : undefined;
}

/** The ledger as the use cases read and append to it: records located, buckets folded, views kept. */
export function makeLedgerAccess({ ledger, records }: Pick<AccountStores, 'ledger' | 'records'>) {
  async function locateOrFail(recordType: RecordType, id: string): Promise<Locator> {
    const locator = await records.locate(recordType, id);
    if (!locator) throw new NotFound(`No ${recordType} ${id}`);
    return locator;
  }

  /** A record's home bucket, read and folded once (it can be handed on to `append` and `refreshViews`). */
  const readRecord = async (bucket: Bucket): Promise<FoldedBucket> => folded(await ledger.snapshot(bucket));

  /**
   * Appends the entry that `build` makes from the bucket's current state (a core command, which
   * checks it against it), placing it where else it counts, and retrying on a lost race: an
   * entry is written with a conditional put on the bucket's next sequence number, and whoever
   * loses reads the bucket again and re-checks. An entry the ledger already has with the same
   * facts (DuplicateEntry, identical) is a replay: nothing is written and it is returned.
   * `read` is a bucket the caller already read and folded: the first attempt uses it. Each
   * attempt folds the bucket once, and the result once more.
   */
  async function append(bucket: Bucket, build: (state: LedgerState) => LedgerEntry, read?: FoldedBucket): Promise<Appended> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = attempt === 1 && read ? read : await readRecord(bucket);
      const { entries, nextSeq: seq, state } = current;
      let entry: LedgerEntry;
      try {
        entry = build(state);
      } catch (error) {
        if (error instanceof DuplicateEntry && error.identical) return { ...current, entry: error.existing, replay: true };
        throw error;
      }
      if (await ledger.putEntry(bucket, seq, entry, placementOf(entry, state, bucket.year))) {
        return { ...folded({ entries: [...entries, entry], nextSeq: seq + 1 }), entry, replay: false };
      }
    }
    throw new Conflict(`The ledger of ${bucket.donorId} for ${bucket.year} is busy; retry`);
  }

  /**
   * The current views of the records an entry touched, computed from the bucket (as appended,
   * folded once) and stored for the lists: the record itself, and the pledge a contribution
   * counts towards, unless `pledge: false` says the entry cannot have changed the pledge's view.
   */
  async function refreshViews(
    bucket: Bucket,
    { state, entries }: FoldedBucket,
    touched: { pledgeId?: string; contributionId?: string; pledge?: false },
  ): Promise<{ pledge?: PledgeView; contribution?: ContributionView }> {
    const version = entries.length;
    const c = touched.contributionId === undefined ? undefined : state.contributions.get(touched.contributionId);
    const pledgeId = touched.pledge === false ? undefined : (touched.pledgeId ?? c?.reported.pledgeId);
    const p = pledgeId === undefined ? undefined : state.pledges.get(pledgeId);
    const contribution = c && contributionView(c);
    const pledge = p && pledgeView(state, p);
    const { donorId, year } = bucket;
    await Promise.all([
      contribution && records.saveView({ recordType: 'contribution', id: contribution.contributionId, donorId, year }, contribution, version),
      pledge && records.saveView({ recordType: 'pledge', id: pledge.pledgeId, donorId, year }, pledge, version, nextDueOn(state, pledge.pledgeId)),
    ]);
    return { ...(pledge && { pledge }), ...(contribution && { contribution }) };
  }

  return { locateOrFail, readRecord, append, refreshViews };
}

export type LedgerAccess = ReturnType<typeof makeLedgerAccess>;

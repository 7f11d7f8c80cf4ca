import { randomUUID } from 'node:crypto';
import { NotFound } from '../../shared/errors';
import {
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
import { type Appended, type Bucket, type FoldedBucket, type Placement, appendToBucket, folded, snapshot } from '../adapters/ledger-store';
import { type Locator, type RecordType, locate, saveView } from '../adapters/records';

/** Who appends an entry and when. */
export function entryMeta(actor: string, now: Date): EntryMeta {
  return { entryId: randomUUID(), recordedAt: now.toISOString(), recordedBy: actor };
}

export async function locateOrFail(recordType: RecordType, id: string): Promise<Locator> {
  const locator = await locate(recordType, id);
  if (!locator) throw new NotFound(`No ${recordType} ${id}`);
  return locator;
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

/** Appends to a record's home bucket (see appendToBucket), placing the entry where else it counts. */
export function append(bucket: Bucket, build: (state: LedgerState) => LedgerEntry, read?: FoldedBucket): Promise<Appended> {
  return appendToBucket(bucket, build, (entry, state) => placementOf(entry, state, bucket.year), read);
}

/** The first installment not yet covered by received amounts, if the pledge is open. */
function nextDueOn(state: LedgerState, pledgeId: string): string | undefined {
  const pledge = state.pledges.get(pledgeId);
  return pledge ? overdueInstallments(state, pledge, '9999-12-31')[0]?.dueOn : undefined;
}

/**
 * The current views of the records an entry touched, computed from the bucket (as appended,
 * folded once) and stored for the lists: the record itself, and the pledge a contribution
 * counts towards, unless `pledge: false` says the entry cannot have changed the pledge's view.
 */
export async function refreshViews(
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
    contribution && saveView({ recordType: 'contribution', id: contribution.contributionId, donorId, year }, contribution, version),
    pledge && saveView({ recordType: 'pledge', id: pledge.pledgeId, donorId, year }, pledge, version, nextDueOn(state, pledge.pledgeId)),
  ]);
  return { ...(pledge && { pledge }), ...(contribution && { contribution }) };
}

/** A record's home bucket, read and folded once (it can be handed on to `append` and `refreshViews`). */
export async function readRecord(bucket: Bucket): Promise<FoldedBucket> {
  return folded(await snapshot(bucket));
}

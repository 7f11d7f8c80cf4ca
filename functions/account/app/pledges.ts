import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { DuplicateEntry, type Installment, type PledgeView, cancelPledge, pledgeView, recordPledge, yearOf } from '../core';
import { claimLocator, listViews } from '../adapters/records';
import { actFor, listScope } from './access';
import { existingDonor } from './donors';
import { newId } from './ids';
import { append, entryMeta, locateOrFail, readRecord, refreshViews } from './ledger';
import { ratesOfMonthOf } from './rates';

export interface PledgeRequest {
  donorId: string;
  amount: string;
  currency: string;
  pledgedOn: string;
  earmark?: string;
  installments?: Installment[];
}

/**
 * Records a pledge at the rate in force on the day it was pledged. Everything the core can
 * refuse (amounts, installments that do not add up, a missing rate) is refused before anything
 * is written; then the locator, then the entry, then the view.
 */
export async function recordNewPledge(caller: Caller, request: PledgeRequest, idempotencyKey: string | undefined, now: Date): Promise<PledgeView> {
  actFor(caller, request.donorId);
  await existingDonor(request.donorId);
  const input = { ...request, pledgeId: newId('pledge', idempotencyKey) };
  const rates = await ratesOfMonthOf(request.pledgedOn);
  const meta = entryMeta(caller.subject, now);
  const bucket = { donorId: request.donorId, year: yearOf(request.pledgedOn) };
  // Checked against the bucket it goes to (read once, then handed to the append); a replay passes.
  const read = await readRecord(bucket);
  try {
    recordPledge(read.state, input, meta, rates);
  } catch (error) {
    if (!(error instanceof DuplicateEntry && error.identical)) throw error;
  }
  await claimLocator({ recordType: 'pledge', id: input.pledgeId, ...bucket });
  const appended = await append(bucket, (current) => recordPledge(current, input, meta, rates), read);
  const { pledge } = await refreshViews(bucket, appended, { pledgeId: input.pledgeId });
  if (!pledge) throw new Error(`pledge ${input.pledgeId} is missing from its bucket after being appended`);
  return pledge;
}

export async function readPledge(caller: Caller, pledgeId: string): Promise<PledgeView> {
  const { state } = await readRecord(await locateOrFail('pledge', pledgeId));
  const pledge = state.pledges.get(pledgeId);
  if (!pledge) throw new NotFound(`No pledge ${pledgeId}`);
  actFor(caller, pledge.recorded.donorId);
  return pledgeView(state, pledge);
}

export function findPledges(caller: Caller, filter: { donorId?: string; status?: string }, limit: number, cursor: string | undefined): Promise<Page<PledgeView>> {
  return listViews('pledge', { ...filter, donorId: listScope(caller, filter.donorId) }, limit, cursor);
}

/** Cancels a pledge that nothing was received on (a new entry; cancelling again with the same reason is a replay). */
export async function cancel(caller: Caller, pledgeId: string, reason: string, now: Date): Promise<PledgeView> {
  const locator = await locateOrFail('pledge', pledgeId);
  const meta = entryMeta(caller.subject, now);
  const appended = await append(locator, (current) => cancelPledge(current, pledgeId, reason, meta));
  const { pledge } = await refreshViews(locator, appended, { pledgeId });
  if (!pledge) throw new NotFound(`No pledge ${pledgeId}`);
  return pledge;
}

import type { Caller } from '../../shared/roles';
import { type Adjustment, type AdjustmentTarget, type ContributionView, type PledgeView, recordAdjustment, recordReversal } from '../core';
import type { AccountStores } from '../adapters/account-stores';
import { newId } from './ids';
import { entryMeta, makeLedgerAccess } from './ledger';
import type { Clock } from './ports';

export interface AdjustmentRequest {
  target: AdjustmentTarget;
  /** Signed, in the target's currency; or `reverse` to take its whole current amount away. */
  amountDelta?: string;
  reverse?: true;
  reason: string;
}

export type AdjustmentResult = Omit<Adjustment, 'kind' | 'entryId'> & { pledge?: PledgeView; contribution?: ContributionView };

export interface AdjustmentPorts {
  stores: Pick<AccountStores, 'ledger' | 'records'>;
  clock: Clock;
}

/**
 * Corrections are new entries: an adjustment changes a pledge's amount or a received
 * contribution's amount by a signed delta (its USD value changes at the target's own rate); a
 * reversal takes the whole amount away. The record's entries are never touched.
 */
export function makeAdjust({ stores, clock }: AdjustmentPorts) {
  const books = makeLedgerAccess(stores);
  return async (caller: Caller, request: AdjustmentRequest, idempotencyKey: string | undefined): Promise<AdjustmentResult> => {
    const locator =
      'pledgeId' in request.target ? await books.locateOrFail('pledge', request.target.pledgeId) : await books.locateOrFail('contribution', request.target.contributionId);
    const meta = entryMeta(caller.subject, clock());
    const input = { adjustmentId: newId('adjustment', idempotencyKey), target: request.target, reason: request.reason };
    const appended = await books.append(locator, (current) =>
      request.reverse ? recordReversal(current, input, meta) : recordAdjustment(current, { ...input, amountDelta: request.amountDelta ?? '' }, meta),
    );
    const views = await books.refreshViews(locator, appended, request.target);
    const { kind: _kind, entryId: _entryId, ...adjustment } = appended.entry as Adjustment;
    return { ...adjustment, ...views };
  };
}

import { Conflict, NotFound } from '../../shared/errors';
import type { Printout } from '../../shared/pdf/layout';
import type { Caller } from '../../shared/roles';
import { contributionView, receiptPrintout, statementPrintout } from '../core';
import { actFor } from './access';
import { existingDonor, statement } from './donors';
import { locateOrFail, readRecord } from './ledger';

/** The receipt of a received contribution, for finance or the donor itself; a 409 until it is received. */
export async function receipt(caller: Caller, contributionId: string): Promise<Printout> {
  const { state } = await readRecord(await locateOrFail('contribution', contributionId));
  const c = state.contributions.get(contributionId);
  if (!c) throw new NotFound(`No contribution ${contributionId}`);
  const view = contributionView(c);
  actFor(caller, view.donorId);
  if (view.status !== 'received') throw new Conflict(`Contribution ${contributionId} is ${view.status}, not received: it has no receipt`);
  const printout = receiptPrintout(view, await existingDonor(view.donorId));
  // Received, but the crash of a confirmation came before its receipt: confirming again issues it.
  if (!printout) throw new Conflict(`The receipt of contribution ${contributionId} is not issued yet: confirm it again`);
  return printout;
}

/** A donor's statement (of `year`, or all years) in print: the same figures as its JSON. */
export async function statementDocument(caller: Caller, donorId: string, year: number | undefined, now: Date): Promise<Printout> {
  actFor(caller, donorId);
  const [figures, donor] = await Promise.all([statement(caller, donorId, year, now), existingDonor(donorId)]);
  return statementPrintout(figures, donor, now);
}

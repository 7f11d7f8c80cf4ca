import { Conflict, NotFound } from '../../shared/errors';
import type { Printout } from '../../shared/pdf/layout';
import type { Caller } from '../../shared/roles';
import { type ContributionView, MissingRate, contributionView, rateInForce, receiptPrintout, statementPrintout } from '../core';
import { actFor } from './access';
import { existingDonor, statement } from './donors';
import { locateOrFail, readRecord } from './ledger';
import { ratesOfMonthOf } from './rates';

/** The receipt of a received contribution, for finance or the donor itself; a 409 until it is received. */
export async function receipt(caller: Caller, contributionId: string): Promise<Printout> {
  const { state } = await readRecord(await locateOrFail('contribution', contributionId));
  const c = state.contributions.get(contributionId);
  if (!c) throw new NotFound(`No contribution ${contributionId}`);
  const view = contributionView(c);
  actFor(caller, view.donorId);
  if (view.status !== 'received') throw new Conflict(`Contribution ${contributionId} is ${view.status}, not received: it has no receipt`);
  const [donor, rateFrom] = await Promise.all([existingDonor(view.donorId), rateDate(view)]);
  const printout = receiptPrintout(view, donor, rateFrom);
  // Received, but the crash of a confirmation came before its receipt: confirming again issues it.
  if (!printout) throw new Conflict(`The receipt of contribution ${contributionId} is not issued yet: confirm it again`);
  return printout;
}

/** The day the contribution's rate took effect, if the month's table still has it in force on the day received. */
async function rateDate(view: ContributionView): Promise<string | undefined> {
  if (!view.receivedOn || !view.rate) return undefined;
  const table = await ratesOfMonthOf(view.receivedOn);
  try {
    const current = rateInForce(table, view.currency, view.receivedOn);
    return current.value === view.rate.value ? current.effectiveFrom : undefined;
  } catch (error) {
    if (error instanceof MissingRate) return undefined; // the receipt names the rates' month instead
    throw error;
  }
}

/** A donor's statement (of `year`, or all years) in print: the same figures as its JSON. */
export async function statementDocument(caller: Caller, donorId: string, year: number | undefined, now: Date): Promise<Printout> {
  actFor(caller, donorId);
  const [figures, donor] = await Promise.all([statement(caller, donorId, year, now), existingDonor(donorId)]);
  return statementPrintout(figures, donor, now);
}

import { Conflict, NotFound } from '../../shared/errors';
import type { Printout } from '../../shared/pdf/layout';
import type { Caller } from '../../shared/roles';
import { type ContributionView, MissingRate, contributionView, rateInForce, receiptPrintout, statementPrintout } from '../core';
import type { AccountStores } from '../adapters/account-stores';
import { actFor } from './access';
import { existingDonor, makeDonors } from './donors';
import { makeLedgerAccess } from './ledger';
import type { Clock } from './ports';
import { ratesOfMonthOf } from './rates';

export interface PrintoutPorts {
  stores: Pick<AccountStores, 'donors' | 'ledger' | 'records' | 'rates'>;
  clock: Clock;
}

/** Receipts and statements in print: read only, from the same records and code as their JSON. */
export function makePrintouts({ stores, clock }: PrintoutPorts) {
  const { donors, rates } = stores;
  const { locateOrFail, readRecord } = makeLedgerAccess(stores);
  const statements = makeDonors({ stores, clock });

  /** The day the contribution's rate took effect, if the month's table still has it in force on the day received. */
  async function rateDate(view: ContributionView): Promise<string | undefined> {
    if (!view.receivedOn || !view.rate) return undefined;
    const table = await ratesOfMonthOf(rates, view.receivedOn);
    try {
      const current = rateInForce(table, view.currency, view.receivedOn);
      return current.value === view.rate.value ? current.effectiveFrom : undefined;
    } catch (error) {
      if (error instanceof MissingRate) return undefined; // the receipt names the rates' month instead
      throw error;
    }
  }

  return {
    /** The receipt of a received contribution, for finance or the donor itself; a 409 until it is received. */
    async receipt(caller: Caller, contributionId: string): Promise<Printout> {
      const { state } = await readRecord(await locateOrFail('contribution', contributionId));
      const c = state.contributions.get(contributionId);
      if (!c) throw new NotFound(`No contribution ${contributionId}`);
      const view = contributionView(c);
      actFor(caller, view.donorId);
      if (view.status !== 'received') throw new Conflict(`Contribution ${contributionId} is ${view.status}, not received: it has no receipt`);
      const [donor, rateFrom] = await Promise.all([existingDonor(donors, view.donorId), rateDate(view)]);
      const printout = receiptPrintout(view, donor, rateFrom);
      // Received, but the crash of a confirmation came before its receipt: confirming again issues it.
      if (!printout) throw new Conflict(`The receipt of contribution ${contributionId} is not issued yet: confirm it again`);
      return printout;
    },

    /** A donor's statement (of `year`, or all years) in print: the same figures as its JSON. */
    async statementDocument(caller: Caller, donorId: string, year: number | undefined): Promise<Printout> {
      actFor(caller, donorId);
      const [figures, donor] = await Promise.all([statements.statement(caller, donorId, year), existingDonor(donors, donorId)]);
      return statementPrintout(figures, donor, clock());
    },
  };
}

import { Conflict, NotFound } from '../../shared/errors';
import type { Page } from '../../shared/aws/paging';
import type { Caller } from '../../shared/roles';
import { type DonorStatement, donorStatement } from '../core';
import type { AccountStores } from '../adapters/account-stores';
import type { Donor, DonorStore } from '../adapters/donors';
import { actFor, listScope } from './access';
import type { Clock } from './ports';

export async function existingDonor(donors: DonorStore, donorId: string): Promise<Donor> {
  const donor = await donors.get(donorId);
  if (!donor) throw new NotFound(`No donor ${donorId}`);
  return donor;
}

export interface DonorPorts {
  stores: Pick<AccountStores, 'donors' | 'ledger'>;
  clock: Clock;
}

export function makeDonors({ stores: { donors, ledger }, clock }: DonorPorts) {
  return {
    async register(caller: Caller, body: Pick<Donor, 'donorId' | 'name' | 'type'>): Promise<Donor> {
      const { donor } = await donors.register({ ...body, registeredAt: clock().toISOString(), registeredBy: caller.subject });
      // The same registration again is answered like the first; another one under the same id is refused.
      if (donor.name !== body.name || donor.type !== body.type) throw new Conflict(`Donor ${body.donorId} is already registered as ${donor.name} (${donor.type})`);
      return donor;
    },

    readDonor(caller: Caller, donorId: string): Promise<Donor> {
      actFor(caller, donorId);
      return existingDonor(donors, donorId);
    },

    /** Finance sees every donor; a donor only itself. */
    async findDonors(caller: Caller, limit: number, cursor: string | undefined): Promise<Page<Donor>> {
      const own = listScope(caller, undefined);
      if (own === undefined) return donors.list(limit, cursor);
      const donor = await donors.get(own);
      return { items: donor ? [donor] : [], nextCursor: null };
    },

    async statement(caller: Caller, donorId: string, year: number | undefined): Promise<DonorStatement> {
      actFor(caller, donorId);
      // The donor is checked while its entries are read: an unknown donor is still a 404, one round trip sooner.
      const [, entries] = await Promise.all([existingDonor(donors, donorId), ledger.readDonorEntries(donorId, year)]);
      return donorStatement(entries, donorId, { ...(year !== undefined && { year }), today: clock().toISOString().slice(0, 10) });
    },
  };
}

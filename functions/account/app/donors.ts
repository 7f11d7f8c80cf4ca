import { Conflict, NotFound } from '../../shared/errors';
import type { Page } from '../../shared/aws/paging';
import type { Caller } from '../../shared/roles';
import { type DonorStatement, donorStatement } from '../core';
import { type Donor, getDonor, listDonors, registerDonor } from '../adapters/donors';
import { readDonorEntries } from '../adapters/ledger-store';
import { actFor, listScope } from './access';

export async function register(caller: Caller, body: Pick<Donor, 'donorId' | 'name' | 'type'>, now: Date): Promise<Donor> {
  const { donor } = await registerDonor({ ...body, registeredAt: now.toISOString(), registeredBy: caller.subject });
  // The same registration again is answered like the first; another one under the same id is refused.
  if (donor.name !== body.name || donor.type !== body.type) throw new Conflict(`Donor ${body.donorId} is already registered as ${donor.name} (${donor.type})`);
  return donor;
}

export async function existingDonor(donorId: string): Promise<Donor> {
  const donor = await getDonor(donorId);
  if (!donor) throw new NotFound(`No donor ${donorId}`);
  return donor;
}

export async function readDonor(caller: Caller, donorId: string): Promise<Donor> {
  actFor(caller, donorId);
  return existingDonor(donorId);
}

/** Finance sees every donor; a donor only itself. */
export async function findDonors(caller: Caller, limit: number, cursor: string | undefined): Promise<Page<Donor>> {
  const own = listScope(caller, undefined);
  if (own === undefined) return listDonors(limit, cursor);
  const donor = await getDonor(own);
  return { items: donor ? [donor] : [], nextCursor: null };
}

export async function statement(caller: Caller, donorId: string, year: number | undefined, now: Date): Promise<DonorStatement> {
  actFor(caller, donorId);
  // The donor is checked while its entries are read: an unknown donor is still a 404, one round trip sooner.
  const [, entries] = await Promise.all([existingDonor(donorId), readDonorEntries(donorId, year)]);
  return donorStatement(entries, donorId, { ...(year !== undefined && { year }), today: now.toISOString().slice(0, 10) });
}

import { randomUUID } from 'node:crypto';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ContributionInput, ContributionReported, ContributionView, PledgeInput } from '../functions/account/core';
import { makeAccountStores } from '../functions/account/adapters/account-stores';
import type { BenchContext } from './lib/context';
import { expectStatus, pool } from './lib/load';
import type { BenchStack } from './lib/stack';
import type { OverheadCase } from './lib/overhead-case';

/** The request bodies of POST /pledges and POST /contributions: the core's inputs less the id the function gives. */
export type PledgeBody = Omit<PledgeInput, 'pledgeId'>;
export type ContributionBody = Omit<ContributionInput, 'contributionId'>;

/** The account's HTTP contract (API.md), as finance uses it. */
export class AccountClient {
  constructor(
    private readonly stack: BenchStack,
    private readonly finance: string,
  ) {}

  async setRates(month: string, rates: Record<string, string>): Promise<void> {
    const reply = await this.stack.request('PUT', `/exchange-rates/${month}`, { token: this.finance, body: { rates } });
    expectStatus(reply, 200, `PUT /exchange-rates/${month}`);
  }

  async addDonor(donorId: string, index: number): Promise<void> {
    const type = ['member-state', 'intergovernmental', 'private', 'other'][index % 4];
    const reply = await this.stack.request('POST', '/donors', { token: this.finance, body: { donorId, name: `Donor ${donorId}`, type } });
    expectStatus(reply, 201, 'POST /donors');
  }

  async pledge(body: PledgeBody): Promise<Record<string, unknown> & { pledgeId: string }> {
    const reply = await this.stack.request<Record<string, unknown> & { pledgeId: string }>('POST', '/pledges', { token: this.finance, body });
    expectStatus(reply, 201, 'POST /pledges');
    return reply.body;
  }

  async report(body: ContributionBody): Promise<Record<string, unknown> & { contributionId: string }> {
    const reply = await this.stack.request<Record<string, unknown> & { contributionId: string }>('POST', '/contributions', { token: this.finance, body });
    expectStatus(reply, 201, 'POST /contributions');
    return reply.body;
  }

  async confirm(contributionId: string, receivedAmount: string, receivedOn: string): Promise<Record<string, unknown>> {
    const reply = await this.stack.request('POST', `/contributions/${contributionId}/confirm`, { token: this.finance, body: { receivedAmount, receivedOn } });
    expectStatus(reply, 200, 'POST /contributions/{id}/confirm');
    return reply.body;
  }
}

/** EUR per USD, a little different every month (the operational rates of exchange). */
export const eurRate = (month: string) => (0.85 + (Number(month.slice(2, 4)) % 7) * 0.01 + Number(month.slice(5, 7)) * 0.001).toFixed(4);

export function months(fromYear: number, toYear: number): string[] {
  const list: string[] = [];
  for (let year = fromYear; year <= toYear; year++) for (let month = 1; month <= 12; month++) list.push(`${year}-${String(month).padStart(2, '0')}`);
  return list;
}

const YEAR = 2025;
// At least the highest concurrency: requests in flight together work on different donors' buckets.
const DONORS = { full: 24, quick: 16 };

/**
 * POST /contributions and GET /donors/{id}/statement. The subject works on donors S-n, the
 * baseline on their twins B-n, seeded alike (a pledge each) and kept alike (both sides report
 * the same number of contributions, round robin), so both read buckets of the same size.
 * The baseline makes the calls of the account's use cases (functions/account/app:
 * contributions.report, donors.statement) through the account's own stores, without the
 * function around them; the counted calls of the subject say if they drift.
 */
export async function accountCases(stack: BenchStack, ctx: BenchContext): Promise<OverheadCase[]> {
  const finance = await stack.token('finance');
  const client = new AccountClient(stack, finance);
  const env = stack.info.functions.find((fn) => fn.name === stack.functionOf('POST /contributions'))?.environment ?? {};
  // The table the function is configured with, named explicitly: the stores read no environment.
  const tableName = env.ACCOUNT_TABLE;
  if (!tableName) throw new Error('POST /contributions has no ACCOUNT_TABLE in the synthesized template');
  const { donors, ledger, records } = makeAccountStores({ db: stack.db, tableName });
  const count = ctx.quick ? DONORS.quick : DONORS.full;
  const subjects = Array.from({ length: count }, (_, i) => ({ donorId: `S-${i + 1}`, pledgeId: '' }));
  const twins = Array.from({ length: count }, (_, i) => ({ donorId: `B-${i + 1}`, pledgeId: '' }));
  // The Idempotency-Key variant reports for a donor of its own, so the twins stay alike.
  const other = { donorId: 'V-1', pledgeId: '' };
  let seeded: Promise<void> | undefined;
  let contributionView: ContributionView | undefined;
  const seed = () =>
    (seeded ??= (async () => {
      await pool(12, 4, (i) => client.setRates(`${YEAR}-${String(i + 1).padStart(2, '0')}`, { EUR: eurRate(`${YEAR}-${i + 1}`) }));
      const all = [...subjects, ...twins, other];
      await pool(all.length, 8, (i) => client.addDonor(all[i].donorId, i));
      await pool(all.length, 8, async (i) => {
        const pledge = await client.pledge({ donorId: all[i].donorId, amount: '500000.00', currency: 'EUR', pledgedOn: `${YEAR}-01-15`, earmark: 'workshops' });
        all[i].pledgeId = pledge.pledgeId;
      });
      // A contribution view as the function stores it, for the baseline's view writes.
      contributionView = (await client.report(contributionBody(other, 0))) as unknown as ContributionView;
    })());

  let reference = 0;
  const contributionBody = (donor: { donorId: string; pledgeId: string }, n: number): ContributionBody => ({
    donorId: donor.donorId,
    amount: '100.00',
    currency: 'EUR',
    valueDate: `${YEAR}-03-10`,
    reference: `BENCH-${n}-${reference++}`,
    pledgeId: donor.pledgeId,
  });

  const contributions: OverheadCase = {
    name: 'POST /contributions',
    routeKey: 'POST /contributions',
    submission: true,
    prepare: seed,
    async subject(index) {
      await client.report(contributionBody(subjects[index % count], index));
    },
    async baseline(index) {
      const twin = twins[index % count];
      const contributionId = randomUUID();
      const body = contributionBody(twin, index);
      const bucket = { donorId: twin.donorId, year: YEAR };
      // The pledge's locator (it names the donor, so the donor is not read), the bucket, the claim.
      await records.locate('pledge', twin.pledgeId);
      let read = await ledger.snapshot(bucket);
      const locator = { recordType: 'contribution' as const, id: contributionId, ...bucket };
      await records.claimLocator(locator);
      const entry: ContributionReported = { kind: 'contribution-reported', entryId: randomUUID(), recordedAt: new Date().toISOString(), recordedBy: 'local-finance', ...body, contributionId };
      // The append: a conditional put on the bucket's next sequence number, read again after a lost race.
      for (let attempt = 1; !(await ledger.putEntry(bucket, read.nextSeq, entry, { alsoYears: [], context: [] })); attempt++) {
        if (attempt === 8) throw new Error(`the bucket of ${twin.donorId} stays busy`);
        read = await ledger.snapshot(bucket);
      }
      // Only the contribution's view: a report changes nothing in its pledge's.
      if (!contributionView) throw new Error('seed first');
      await records.saveView(locator, { ...contributionView, ...body, contributionId, status: 'reported' }, read.entries.length + 1);
      await stack.sfn.send(new StartExecutionCommand({ stateMachineArn: env.CONTRIBUTION_INTAKE_ARN, name: contributionId, input: JSON.stringify({ contributionId }) }));
      return { dynamo: 5, sfn: 1 };
    },
    variant: {
      name: 'with Idempotency-Key',
      count: 10,
      async run(index) {
        const reply = await stack.request('POST', '/contributions', { token: finance, body: contributionBody(other, index), headers: { 'idempotency-key': randomUUID() } });
        expectStatus(reply, 201, 'POST /contributions with Idempotency-Key');
      },
    },
  };

  const statement: OverheadCase = {
    name: 'GET /donors/{id}/statement',
    routeKey: 'GET /donors/{donorId}/statement',
    prepare: seed,
    async subject(index) {
      const reply = await stack.request('GET', `/donors/${subjects[index % count].donorId}/statement?year=${YEAR}`, { token: finance });
      expectStatus(reply, 200, 'GET /donors/{id}/statement');
    },
    async baseline(index) {
      const { donorId } = twins[index % count];
      // The donor, its bucket of the year and its entries placed in the year (two indexes).
      await Promise.all([donors.get(donorId), ledger.readDonorEntries(donorId, YEAR)]);
      return { dynamo: 4, sfn: 0 };
    },
  };
  return [contributions, statement];
}

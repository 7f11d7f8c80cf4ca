import { type ContributionBody, type Problem, type SummaryBody, type Totals, accountClient, expectStatus } from '../support/account';
import { pdfText } from '../support/pdf-text';
import { LocalStack } from '../support/stack';

/**
 * Receipts and statements as PDF documents, and the report on the account: the PDFs carry
 * their figures as real text, and every figure of the report agrees to the cent with the
 * summary and the statements, which are derived from the same ledger.
 */
let stack: LocalStack;
let finance: string;
let account: ReturnType<typeof accountClient>;
const C: Record<string, ContributionBody> = {};

interface ReportBody {
  year: number;
  contributionsByDonor: { donorId: string; name: string; currency: string; amount: string; amountUsd: string }[];
  pledgesOutstanding: { donorId: string; pledgeId: string; outstandingUsd: string }[];
  byEarmark: (Totals & { earmark: string })[];
  totals: Totals;
  sinceInception: Totals & { through: string };
  previousYear: { year: number; totals: Totals; change: Totals };
}

beforeAll(async () => {
  stack = await LocalStack.start();
  finance = await stack.token('finance');
  account = accountClient(stack, finance);
  await account.setRates('2025-03', { EUR: '0.92' });
  await account.setRates('2026-04', { EUR: '0.93', JPY: '150' });
  await account.setRates('2026-05', { EUR: '0.9300', JPY: '152.5' });
  await account.registerDonor('NO', 'Norway');
  await account.registerDonor('JP', 'Japan');

  // 2025: one pledge of Norway, partly paid.
  const old = await account.pledge({ donorId: 'NO', amount: '10000', currency: 'EUR', pledgedOn: '2025-03-01', earmark: 'ratification-workshops' });
  C.old = await account.report({ donorId: 'NO', amount: '4000', currency: 'EUR', valueDate: '2025-03-09', reference: 'NO-2025-1', pledgeId: old.pledgeId });
  await account.confirm(C.old.contributionId, '4000', '2025-03-10');
  // 2026: pledges of both, payments on them and one without a pledge; one payment still unconfirmed.
  const no = await account.pledge({ donorId: 'NO', amount: '50000', currency: 'EUR', pledgedOn: '2026-04-02', earmark: 'ratification-workshops' });
  const jp = await account.pledge({ donorId: 'JP', amount: '1500000', currency: 'JPY', pledgedOn: '2026-04-10', earmark: '24/7-network' });
  C.no = await account.report({ donorId: 'NO', amount: '1234.50', currency: 'EUR', valueDate: '2026-05-01', reference: 'NO-2026-1', pledgeId: no.pledgeId });
  C.no = await account.confirm(C.no.contributionId, '1234.50', '2026-05-04');
  C.old2026 = await account.report({ donorId: 'NO', amount: '6000', currency: 'EUR', valueDate: '2026-04-20', reference: 'NO-2026-2', pledgeId: old.pledgeId });
  C.old2026 = await account.confirm(C.old2026.contributionId, '6000', '2026-04-21');
  C.jp = await account.report({ donorId: 'JP', amount: '300000', currency: 'JPY', valueDate: '2026-04-19', reference: 'JP-1', pledgeId: jp.pledgeId });
  C.jp = await account.confirm(C.jp.contributionId, '300000', '2026-04-20');
  C.jpUsd = await account.report({ donorId: 'JP', amount: '500.00', currency: 'USD', valueDate: '2026-05-05', reference: 'JP-2' });
  C.jpUsd = await account.confirm(C.jpUsd.contributionId, '500.00', '2026-05-05');
  C.waiting = await account.report({ donorId: 'JP', amount: '100', currency: 'EUR', valueDate: '2026-05-06', reference: 'JP-3' });
});
afterAll(() => stack.stop());

/** A PDF route's answer, its text with line breaks as spaces (a long value wraps). */
async function pdf(route: string, token: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string; bytes: Buffer }> {
  const response = await fetch(`${stack.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: bytes.subarray(0, 5).toString() === '%PDF-' ? pdfText(bytes).replace(/\s+/g, ' ') : '', bytes };
}

const cents = (usd: string) => BigInt(usd.replace('.', ''));
const sum = (values: string[]) => values.reduce((total, value) => total + cents(value), 0n);
const totalsOf = (x: Totals): Totals => ({ pledgedUsd: x.pledgedUsd, receivedUsd: x.receivedUsd, outstandingUsd: x.outstandingUsd });

describe('the receipt of a contribution as a PDF', () => {
  test('holds the receipt number, the donor, the amount in EUR and in USD with the rate and its date, and the date received', async () => {
    const receipt = await pdf(`/contributions/${C.no.contributionId}/receipt.pdf`, finance);
    expect(receipt.status).toBe(200);
    expect(receipt.type).toBe('application/pdf');
    const number = String(C.no.receipt?.number);
    expect(receipt.disposition).toBe(`inline; filename="receipt-${number.replaceAll('/', '-')}.pdf"`);
    expect(receipt.bytes.subarray(0, 8).toString()).toMatch(/^%PDF-1\.\d/);
    expect(receipt.text).toContain(`Receipt ${number}`);
    expect(receipt.text).toContain('Norway (NO)');
    expect(receipt.text).toContain('1234.50 EUR');
    expect(receipt.text).toContain('1327.42 USD'); // 1234.50 / 0.93, half-up
    expect(C.no.amountUsd).toBe('1327.42');
    expect(receipt.text).toContain(`${(C.no.rate as { value: string }).value} EUR per USD`);
    expect(receipt.text).toContain('in force on 2026-05-04 (effective from 2026-05-01)');
    expect(receipt.text).toContain('Date received 2026-05-04');
  });

  test('the donor itself reads it; another donor is refused, an unconfirmed contribution is a 409, an unknown one a 404', async () => {
    const own = await pdf(`/contributions/${C.no.contributionId}/receipt.pdf`, await stack.token('donor', { donorId: 'NO' }));
    expect(own.status).toBe(200);
    expect(own.text).toContain(String(C.no.receipt?.number));
    const other = await stack.request<Problem>('GET', `/contributions/${C.no.contributionId}/receipt.pdf`, { token: await stack.token('donor', { donorId: 'JP' }) });
    expect(other.status).toBe(403);
    const waiting = await stack.request<Problem>('GET', `/contributions/${C.waiting.contributionId}/receipt.pdf`, { token: finance });
    expect(waiting.status).toBe(409);
    expect(waiting.headers.get('content-type')).toBe('application/problem+json');
    expect(waiting.body.detail).toContain('not received');
    expect((await stack.request('GET', '/contributions/no-such-contribution/receipt.pdf', { token: finance })).status).toBe(404);
  });
});

describe("a donor's statement as a PDF", () => {
  test('holds the figures of the JSON statement and the receipt numbers', async () => {
    const statement = await account.statement('NO', 2026);
    const printed = await pdf('/donors/NO/statement.pdf?year=2026', finance);
    expect(printed.status).toBe(200);
    expect(printed.type).toBe('application/pdf');
    expect(printed.text).toContain('Statement of Norway, 2026');
    expect(printed.text).toContain(`${statement.pledgedUsd} USD`);
    expect(printed.text).toContain(`${statement.receivedUsd} USD`);
    expect(printed.text).toContain(`${statement.outstandingUsd} USD`);
    for (const c of statement.contributions) expect(printed.text).toContain(String(c.receipt?.number));
    expect(printed.text).toContain('1234.50 EUR');
    expect(printed.text).toContain('1327.42');
    expect((await stack.request('GET', '/donors/NO/statement.pdf?year=20x6', { token: finance })).status).toBe(400);
    expect((await stack.request('GET', '/donors/NOBODY/statement.pdf', { token: finance })).status).toBe(404);
  });
});

describe('the report on the account', () => {
  test('agrees to the cent with the summary and the statements, for the year, since inception and against the previous year', async () => {
    const report = await expectStatus<ReportBody>(stack, 200, 'GET', '/account/report?year=2026', { token: finance });
    const [summary, previous, all]: SummaryBody[] = await Promise.all([account.summary(2026), account.summary(2025), account.summary()]);
    expect(report.year).toBe(2026);
    expect(report.totals).toEqual(totalsOf(summary));
    expect(report.byEarmark).toEqual(summary.byEarmark);
    expect(report.previousYear.year).toBe(2025);
    expect(report.previousYear.totals).toEqual(totalsOf(previous));
    for (const key of ['pledgedUsd', 'receivedUsd', 'outstandingUsd'] as const) {
      expect(cents(report.previousYear.change[key])).toBe(cents(summary[key]) - cents(previous[key]));
      // Nothing after 2026: since inception is every year so far, and the sum of the two years.
      expect(report.sinceInception[key]).toBe(all[key]);
      expect(cents(report.sinceInception[key])).toBe(cents(summary[key]) + cents(previous[key]));
    }
    expect(report.sinceInception.through).toBe('2026-12-31');
    expect(sum(report.contributionsByDonor.map((row) => row.amountUsd))).toBe(cents(summary.receivedUsd));
    expect(sum(report.pledgesOutstanding.map((row) => row.outstandingUsd))).toBe(cents(summary.outstandingUsd));
    for (const donor of summary.byDonor) {
      const statement = await account.statement(donor.donorId, 2026);
      const received = sum(report.contributionsByDonor.filter((row) => row.donorId === donor.donorId).map((row) => row.amountUsd));
      const outstanding = sum(report.pledgesOutstanding.filter((row) => row.donorId === donor.donorId).map((row) => row.outstandingUsd));
      expect({ donor: donor.donorId, received, outstanding }).toEqual({ donor: donor.donorId, received: cents(donor.receivedUsd), outstanding: cents(donor.outstandingUsd) });
      expect({ donor: donor.donorId, received, outstanding }).toEqual({ donor: donor.donorId, received: cents(statement.receivedUsd), outstanding: cents(statement.outstandingUsd) });
    }
    // Received by donor in each currency: Norway's two EUR payments of 2026, Japan's yen and dollars; the unconfirmed one nowhere.
    expect(report.contributionsByDonor).toEqual([
      { donorId: 'JP', name: 'Japan', currency: 'JPY', amount: '300000', amountUsd: '2000.00' },
      { donorId: 'JP', name: 'Japan', currency: 'USD', amount: '500.00', amountUsd: '500.00' },
      { donorId: 'NO', name: 'Norway', currency: 'EUR', amount: '7234.50', amountUsd: sumUsd([C.no.amountUsd, C.old2026.amountUsd]) },
    ]);
  });

  test('the CSV carries the same tables, row for row', async () => {
    const report = await expectStatus<ReportBody>(stack, 200, 'GET', '/account/report?year=2026&format=json', { token: finance });
    const reply = await stack.request('GET', '/account/report?year=2026&format=csv', { token: finance });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv');
    const [header, ...lines] = reply.text.trimEnd().split('\r\n').map((line) => line.split(','));
    const rows = lines.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i]])));
    const table = (name: string) => rows.filter((row) => row.table === name);
    expect(table('contributionsByDonor').map(({ donorId, name, currency, amount, amountUsd }) => ({ donorId, name, currency, amount, amountUsd }))).toEqual(report.contributionsByDonor);
    expect(table('pledgesOutstanding').map(({ donorId, pledgeId, outstandingUsd }) => ({ donorId, pledgeId, outstandingUsd }))).toEqual(report.pledgesOutstanding);
    expect(table('byEarmark').map(({ earmark, pledgedUsd, receivedUsd, outstandingUsd }) => ({ earmark, pledgedUsd, receivedUsd, outstandingUsd }))).toEqual(report.byEarmark);
    const totals = (name: string) => table(name).map(({ pledgedUsd, receivedUsd, outstandingUsd }) => ({ pledgedUsd, receivedUsd, outstandingUsd }));
    expect(totals('totals')).toEqual([report.totals]);
    expect(totals('sinceInception')).toEqual([totalsOf(report.sinceInception)]);
    expect(totals('previousYear')).toEqual([report.previousYear.totals]);
    expect(totals('changeFromPreviousYear')).toEqual([report.previousYear.change]);
  });

  test('needs a year; a bad format or year is a 400', async () => {
    for (const query of ['', '?format=csv', '?year=2026&format=pdf', '?year=26', '?year=2026&colour=blue']) {
      const reply = await stack.request<Problem>('GET', `/account/report${query}`, { token: finance });
      expect({ query, status: reply.status, type: reply.headers.get('content-type') }).toEqual({ query, status: 400, type: 'application/problem+json' });
    }
  });
});

function sumUsd(values: (string | undefined)[]): string {
  const total = sum(values.map((value) => value ?? '0.00'));
  return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
}

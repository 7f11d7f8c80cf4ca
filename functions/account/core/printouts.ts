/**
 * The receipt and the statement as printouts (functions/shared/pdf/layout.ts): what they say,
 * from the same views the JSON answers carry, amounts written exactly as the API writes them.
 */
import type { PrintBlock, Printout } from '../../shared/pdf/layout';
import type { ContributionView } from './projections';
import type { DonorStatement } from './statements';

export interface DonorName {
  donorId: string;
  name: string;
}

const ACCOUNT_NAME = 'Article 56 account of the United Nations Convention against Cybercrime (UNODC)';
const safeFileName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * A received contribution's receipt; undefined if it has none (not received, or its receipt not
 * issued yet). `rateFrom` is the day the applied rate took effect (the month's first day, or a
 * revision's), when the rate table still shows that rate in force on the day received.
 */
export function receiptPrintout(c: ContributionView, donor: DonorName, rateFrom?: string): Printout | undefined {
  const { receipt, receivedAmount, receivedOn, amountUsd, rate } = c;
  if (c.status !== 'received' || !receipt || !receivedAmount || !receivedOn || !amountUsd || !rate) return undefined;
  const adjusted = c.adjustments.length > 0;
  const blocks: PrintBlock[] = [
    { kind: 'paragraph', text: ACCOUNT_NAME },
    {
      kind: 'fields',
      rows: [
        ['Receipt number', receipt.number],
        ['Issued', receipt.issuedAt.slice(0, 10)],
        ['Donor', `${donor.name} (${donor.donorId})`],
        ['Contribution', c.contributionId],
        ['Payment reference', c.reference],
        ...(c.pledgeId !== undefined ? [['Pledge', c.pledgeId] as const] : []),
        ['Date received', receivedOn],
        ['Amount received', `${receivedAmount} ${c.currency}`],
        ['Amount in USD', `${amountUsd} USD`],
        ['Exchange rate', `${rate.value} ${c.currency} per USD: the UN operational rate in force on ${receivedOn} (${rateFrom === undefined ? `rates of ${rate.month}` : `effective from ${rateFrom}`})`],
      ],
    },
    {
      kind: 'paragraph',
      text: adjusted
        ? `The amounts include ${c.adjustments.length} later correction(s) recorded in the account's ledger.`
        : 'The secretariat confirmed the amount against its bank statement.',
    },
  ];
  return {
    title: `Receipt ${receipt.number}`,
    subject: `Receipt for contribution ${c.contributionId} of ${donor.donorId}`,
    createdAt: new Date(receipt.issuedAt),
    fileName: `receipt-${safeFileName(receipt.number)}.pdf`,
    blocks,
  };
}

/** A donor's statement, as GET /donors/{donorId}/statement answers it, in print. `asOf` is its date. */
export function statementPrintout(statement: DonorStatement, donor: DonorName, asOf: Date): Printout {
  const period = statement.year === undefined ? 'all years' : String(statement.year);
  return {
    title: `Statement of ${donor.name}, ${period}`,
    subject: `Statement of donor ${donor.donorId} on the article 56 account`,
    createdAt: asOf,
    fileName: `statement-${safeFileName(donor.donorId)}-${statement.year ?? 'all'}.pdf`,
    blocks: [
      { kind: 'paragraph', text: ACCOUNT_NAME },
      {
        kind: 'fields',
        rows: [
          ['Donor', `${donor.name} (${donor.donorId})`],
          ['Period', period],
          ['As of', asOf.toISOString().slice(0, 10)],
          ['Pledged', `${statement.pledgedUsd} USD`],
          ['Received', `${statement.receivedUsd} USD`],
          ['Outstanding', `${statement.outstandingUsd} USD`],
        ],
      },
      { kind: 'heading', text: 'Pledges' },
      {
        kind: 'table',
        columns: [
          { header: 'Pledge', width: 0.22 },
          { header: 'Pledged on', width: 0.13 },
          { header: 'Amount', width: 0.19, align: 'right' },
          { header: 'USD', width: 0.16, align: 'right' },
          { header: 'Outstanding USD', width: 0.17, align: 'right' },
          { header: 'Status', width: 0.13 },
        ],
        rows: statement.pledges.map((p) => [p.pledgeId, p.pledgedOn, `${p.amount} ${p.currency}`, p.amountUsd, p.outstandingUsd, p.status]),
        empty: 'No pledges.',
      },
      { kind: 'heading', text: 'Contributions' },
      {
        kind: 'table',
        columns: [
          { header: 'Contribution', width: 0.2 },
          { header: 'Received on', width: 0.13 },
          { header: 'Amount', width: 0.19, align: 'right' },
          { header: 'USD', width: 0.15, align: 'right' },
          { header: 'Status', width: 0.12 },
          { header: 'Receipt', width: 0.21 },
        ],
        rows: statement.contributions.map((c) => [
          c.contributionId,
          c.receivedOn ?? `(value date ${c.valueDate})`,
          `${c.receivedAmount ?? c.amount} ${c.currency}`,
          c.amountUsd ?? '',
          c.status,
          c.receipt?.number ?? '',
        ]),
        empty: 'No contributions.',
      },
      { kind: 'heading', text: 'Overdue installments' },
      {
        kind: 'table',
        columns: [
          { header: 'Pledge', width: 0.24 },
          { header: 'Due on', width: 0.14 },
          { header: 'Outstanding', width: 0.22, align: 'right' },
          { header: 'Outstanding USD', width: 0.2, align: 'right' },
          { header: 'Days overdue', width: 0.16, align: 'right' },
        ],
        rows: statement.overdueInstallments.map((x) => [x.pledgeId, x.dueOn, `${x.outstandingAmount} ${x.currency}`, x.outstandingUsd, String(x.daysOverdue)]),
        empty: 'None.',
      },
    ],
  };
}

/**
 * IATI activity XML (standard 2.03): the article 56 account as one activity whose transactions
 * are the incoming pledges (13) and incoming funds (1) in their original currencies. The core has
 * no commitment step, so no type 11 is written, but the mapping is kept for when it has one.
 * Output depends only on the input (no clock, sorted), so the same ledger gives the same bytes.
 */
import type { LedgerEntry } from './entries';
import { formatMoney } from './money';
import { sortBy } from './order';
import { inYear } from './statements';
import { foldLedger } from './state';

export const IATI_TRANSACTION_TYPE = {
  incomingPledge: '13',
  incomingCommitment: '11',
  incomingFunds: '1',
} as const;

export interface IatiOptions {
  year?: number;
  /** ISO time written as generated-datetime; passed in so the output is reproducible. */
  generatedAt: string;
  /** The publisher: IATI organisation identifier, name, and IATI organisation type code (default 40, multilateral). */
  reportingOrg: { ref: string; name: string; type?: string };
  /** Defaults to `${reportingOrg.ref}-ARTICLE-56-ACCOUNT`. */
  activityIdentifier?: string;
  title?: string;
  /** Donor display names for provider-org narratives (the donor id is used otherwise). */
  donorNames?: Readonly<Record<string, string>>;
}

interface Transaction {
  ref: string;
  type: string;
  date: string;
  currency: string;
  value: string;
  donorId: string;
  description?: string;
}

export function exportIati(entries: readonly LedgerEntry[], options: IatiOptions): string {
  const { year, generatedAt, reportingOrg } = options;
  const state = foldLedger(entries);
  const transactions: Transaction[] = [];
  let lastUpdated = '';
  for (const entry of entries) if (entry.recordedAt > lastUpdated) lastUpdated = entry.recordedAt;

  for (const pledge of state.pledges.values()) {
    const p = pledge.recorded;
    if (pledge.cancelled || !inYear(p.pledgedOn, year)) continue;
    transactions.push({
      ref: p.pledgeId,
      type: IATI_TRANSACTION_TYPE.incomingPledge,
      date: p.pledgedOn,
      currency: p.currency,
      value: formatMoney(pledge.amount, pledge.unit),
      donorId: p.donorId,
      ...(p.earmark !== undefined && { description: `Pledge, earmarked: ${p.earmark}` }),
    });
  }
  for (const c of state.contributions.values()) {
    if (!c.confirmed || c.receivedAmount === 0n || !inYear(c.confirmed.receivedOn, year)) continue;
    const r = c.reported;
    transactions.push({
      ref: r.contributionId,
      type: IATI_TRANSACTION_TYPE.incomingFunds,
      date: c.confirmed.receivedOn,
      currency: r.currency,
      value: formatMoney(c.receivedAmount, c.unit),
      donorId: r.donorId,
      description: `Contribution, receipt ${c.receipt?.number ?? 'pending'}${r.pledgeId !== undefined ? `, towards pledge ${r.pledgeId}` : ''}`,
    });
  }
  const sorted = sortBy(
    transactions,
    (t) => t.date,
    (t) => (t.type === IATI_TRANSACTION_TYPE.incomingPledge ? '0' : '1'),
    (t) => t.ref,
  );

  const identifier = options.activityIdentifier ?? `${reportingOrg.ref}-ARTICLE-56-ACCOUNT`;
  const title = options.title ?? 'Account under article 56 of the United Nations Convention against Cybercrime';
  const start = sorted[0]?.date ?? generatedAt.slice(0, 10);
  const org = `<narrative>${text(reportingOrg.name)}</narrative>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-activities version="2.03" generated-datetime="${attr(generatedAt)}">`,
    ` <iati-activity last-updated-datetime="${attr(lastUpdated || generatedAt)}" xml:lang="en" default-currency="USD">`,
    `  <iati-identifier>${text(identifier)}</iati-identifier>`,
    `  <reporting-org ref="${attr(reportingOrg.ref)}" type="${attr(reportingOrg.type ?? '40')}">${org}</reporting-org>`,
    `  <title><narrative>${text(title)}</narrative></title>`,
    '  <description type="1"><narrative>Voluntary contributions funding technical assistance and capacity building for States preparing to ratify and implement the Convention.</narrative></description>',
    `  <participating-org ref="${attr(reportingOrg.ref)}" role="4" type="${attr(reportingOrg.type ?? '40')}">${org}</participating-org>`,
    '  <activity-status code="2"/>',
    `  <activity-date type="2" iso-date="${attr(start)}"/>`,
    ...sorted.flatMap((t) => transactionXml(t, options.donorNames?.[t.donorId] ?? t.donorId)),
    ' </iati-activity>',
    '</iati-activities>',
  ];
  return `${lines.join('\n')}\n`;
}

function transactionXml(t: Transaction, donorName: string): string[] {
  return [
    `  <transaction ref="${attr(t.ref)}">`,
    `   <transaction-type code="${t.type}"/>`,
    `   <transaction-date iso-date="${attr(t.date)}"/>`,
    `   <value currency="${attr(t.currency)}" value-date="${attr(t.date)}">${text(t.value)}</value>`,
    ...(t.description !== undefined ? [`   <description><narrative>${text(t.description)}</narrative></description>`] : []),
    `   <provider-org ref="${attr(t.donorId)}"><narrative>${text(donorName)}</narrative></provider-org>`,
    '  </transaction>',
  ];
}

/** Escapes the five XML specials and replaces characters XML 1.0 cannot carry. */
export function xmlEscape(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what this replaces
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const text = xmlEscape;

/** Attribute values also keep their whitespace characters, which parsers would otherwise normalise. */
function attr(value: string): string {
  return xmlEscape(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

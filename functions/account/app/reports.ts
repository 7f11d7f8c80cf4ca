import { optionalEnv } from '../../shared/config';
import { type AccountReport, type AccountSummary, type LedgerEntry, accountReport, accountSummary, exportCsv, exportIati, reportCsv } from '../core';
import { listDonors } from '../adapters/donors';
import { readAccountEntries } from '../adapters/ledger-store';

/** The publisher of the IATI export; deployments set their registered IATI organisation identifier. */
const REPORTING_ORG = {
  ref: optionalEnv('IATI_REPORTING_ORG_REF') ?? 'UNODC',
  name: 'United Nations Office on Drugs and Crime',
};

export async function summary(year: number | undefined): Promise<AccountSummary> {
  return accountSummary(await readAccountEntries(year), year === undefined ? {} : { year });
}

/** Stable output: the same ledger gives the same bytes, so `generated-datetime` is the latest entry's time. */
function generatedAt(entries: readonly LedgerEntry[], year: number | undefined): string {
  const latest = entries.reduce((max, entry) => (entry.recordedAt > max ? entry.recordedAt : max), '');
  return latest || `${year ?? 1970}-01-01T00:00:00.000Z`;
}

async function donorNames(): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  let cursor: string | undefined;
  do {
    const page = await listDonors(100, cursor);
    for (const donor of page.items) names[donor.donorId] = donor.name;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

export async function exportAccount(format: 'csv' | 'iati', year: number | undefined): Promise<{ body: string; contentType: string }> {
  const entries = await readAccountEntries(year);
  const options = year === undefined ? {} : { year };
  if (format === 'csv') return { body: exportCsv(entries, options), contentType: 'text/csv' };
  const xml = exportIati(entries, { ...options, generatedAt: generatedAt(entries, year), reportingOrg: REPORTING_ORG, donorNames: await donorNames() });
  return { body: xml, contentType: 'application/xml' };
}

/**
 * The report on the account for `year`: the whole ledger is read (its since-inception and
 * previous-year figures reach back), folded once, and every table is derived from it.
 */
export async function report(year: number, format: 'json' | 'csv'): Promise<{ body: AccountReport | string; contentType: string }> {
  const [entries, names] = await Promise.all([readAccountEntries(), donorNames()]);
  const tables = accountReport(entries, { year, names });
  return format === 'csv' ? { body: reportCsv(tables), contentType: 'text/csv' } : { body: tables, contentType: 'application/json' };
}

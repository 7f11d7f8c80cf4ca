import { type AccountReport, type AccountSummary, type LedgerEntry, accountReport, accountSummary, exportCsv, exportIati, reportCsv } from '../core';
import type { AccountStores } from '../adapters/account-stores';

/** Stable output: the same ledger gives the same bytes, so `generated-datetime` is the latest entry's time. */
function generatedAt(entries: readonly LedgerEntry[], year: number | undefined): string {
  const latest = entries.reduce((max, entry) => (entry.recordedAt > max ? entry.recordedAt : max), '');
  return latest || `${year ?? 1970}-01-01T00:00:00.000Z`;
}

export interface ReportPorts {
  stores: Pick<AccountStores, 'donors' | 'ledger'>;
  /** The publisher of the IATI export: deployments set their registered IATI organisation identifier (UNODC when unset). */
  reportingOrgRef: string | undefined;
}

export function makeReports({ stores: { donors, ledger }, reportingOrgRef }: ReportPorts) {
  const reportingOrg = { ref: reportingOrgRef ?? 'UNODC', name: 'United Nations Office on Drugs and Crime' };

  async function donorNames(): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    let cursor: string | undefined;
    do {
      const page = await donors.list(100, cursor);
      for (const donor of page.items) names[donor.donorId] = donor.name;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return names;
  }

  return {
    summary: async (year: number | undefined): Promise<AccountSummary> => accountSummary(await ledger.readAccountEntries(year), year === undefined ? {} : { year }),

    async exportAccount(format: 'csv' | 'iati', year: number | undefined): Promise<{ body: string; contentType: string }> {
      const entries = await ledger.readAccountEntries(year);
      const options = year === undefined ? {} : { year };
      if (format === 'csv') return { body: exportCsv(entries, options), contentType: 'text/csv' };
      const xml = exportIati(entries, { ...options, generatedAt: generatedAt(entries, year), reportingOrg, donorNames: await donorNames() });
      return { body: xml, contentType: 'application/xml' };
    },

    /**
     * The report on the account for `year`: the whole ledger is read (its since-inception and
     * previous-year figures reach back), folded once, and every table is derived from it.
     */
    async report(year: number, format: 'json' | 'csv'): Promise<{ body: AccountReport | string; contentType: string }> {
      const [entries, names] = await Promise.all([ledger.readAccountEntries(), donorNames()]);
      const tables = accountReport(entries, { year, names });
      return format === 'csv' ? { body: reportCsv(tables), contentType: 'text/csv' } : { body: tables, contentType: 'application/json' };
    },
  };
}

import type { AccountStores } from '../../../functions/account/adapters/account-stores';
import type { Donor, DonorStore } from '../../../functions/account/adapters/donors';
import type { IntakeExecutions } from '../../../functions/account/adapters/intake-executions';
import type { Bucket, LedgerStore, Placement } from '../../../functions/account/adapters/ledger-store';
import type { MonthRateHistory, RatePut, RateStore } from '../../../functions/account/adapters/rates';
import type { ReceiptBook } from '../../../functions/account/adapters/receipts';
import type { Locator, RecordStore, RecordType, ViewOf } from '../../../functions/account/adapters/records';
import type { Reminder, ReminderStore } from '../../../functions/account/adapters/reminders';
import { type LedgerEntry, type MonthRates, type Receipt, applyRateUpdate } from '../../../functions/account/core';
import { Conflict } from '../../../functions/shared/errors';

/** Stores of the Account table kept in memory: what the use cases wrote is there to read. */

const page = <T>(items: T[]) => Promise.resolve({ items, nextCursor: null });

export function memoryDonors(...registered: Donor[]): DonorStore & { donors: Map<string, Donor> } {
  const donors = new Map(registered.map((donor) => [donor.donorId, donor]));
  return {
    donors,
    get: (donorId) => Promise.resolve(donors.get(donorId)),
    register(donor) {
      const existing = donors.get(donor.donorId);
      if (existing) return Promise.resolve({ donor: existing, created: false });
      donors.set(donor.donorId, donor);
      return Promise.resolve({ donor, created: true });
    },
    list: () => page([...donors.values()].sort((a, b) => a.donorId.localeCompare(b.donorId))),
  };
}

interface StoredEntry extends Placement {
  entry: LedgerEntry;
}

/** Buckets as arrays: a put succeeds only on the bucket's next sequence number, as the conditional put does. */
export function memoryLedger(): LedgerStore & { buckets: Map<string, StoredEntry[]> } {
  const buckets = new Map<string, StoredEntry[]>();
  const bucketOf = ({ donorId, year }: Bucket) => buckets.get(`${donorId}#${year}`) ?? [];
  const yearOfKey = (key: string) => Number(key.split('#')[1]);
  const read = (year: number | undefined, donorId?: string): LedgerEntry[] => {
    const keys = [...buckets.keys()].filter((key) => donorId === undefined || key.startsWith(`${donorId}#`)).sort();
    const home = keys.filter((key) => year === undefined || yearOfKey(key) === year).flatMap((key) => bucketOf({ donorId: key.split('#')[0], year: yearOfKey(key) }));
    const placed = year === undefined ? [] : keys.flatMap((key) => buckets.get(key) ?? []).filter((stored) => stored.alsoYears.includes(year));
    return [...home.map((stored) => stored.entry), ...placed.flatMap((stored) => [...stored.context, stored.entry])];
  };
  return {
    buckets,
    snapshot(bucket) {
      const entries = bucketOf(bucket).map((stored) => stored.entry);
      return Promise.resolve({ entries, nextSeq: entries.length + 1 });
    },
    putEntry(bucket, seq, entry, placement) {
      const stored = bucketOf(bucket);
      if (seq !== stored.length + 1) return Promise.resolve(false);
      buckets.set(`${bucket.donorId}#${bucket.year}`, [...stored, { entry, ...placement }]);
      return Promise.resolve(true);
    },
    readDonorEntries: (donorId, year) => Promise.resolve(read(year, donorId)),
    readAccountEntries: (year) => Promise.resolve(read(year)),
  };
}

interface StoredRecord {
  locator: Locator;
  version?: number;
  view?: ViewOf<RecordType>;
  nextDueOn?: string;
}

export function memoryRecords(): RecordStore & { records: Map<string, StoredRecord> } {
  const records = new Map<string, StoredRecord>();
  const key = (recordType: RecordType, id: string) => `${recordType}#${id}`;
  const order = (view: ViewOf<RecordType>) => ('pledgedOn' in view ? view.pledgedOn : view.valueDate);
  return {
    records,
    locate: (recordType, id) => Promise.resolve(records.get(key(recordType, id))?.locator),
    claimLocator(locator) {
      const existing = records.get(key(locator.recordType, locator.id))?.locator;
      if (!existing) records.set(key(locator.recordType, locator.id), { locator });
      else if (existing.donorId !== locator.donorId || existing.year !== locator.year) throw new Conflict(`${locator.recordType} ${locator.id} already exists with other data`);
      return Promise.resolve();
    },
    saveView(locator, view, version, nextDueOn) {
      const stored = records.get(key(locator.recordType, locator.id));
      const same = JSON.stringify([stored?.view, stored?.nextDueOn]) === JSON.stringify([view, nextDueOn]);
      if (stored?.version === undefined || (stored.version < version && !same)) records.set(key(locator.recordType, locator.id), { locator, version, view, ...(nextDueOn !== undefined && { nextDueOn }) });
      return Promise.resolve();
    },
    listViews<T extends RecordType>(recordType: T, filter: { donorId?: string; status?: string }) {
      const views = [...records.values()]
        .filter((stored) => stored.locator.recordType === recordType && stored.view)
        .map((stored) => stored.view as ViewOf<T>)
        .filter((view) => (filter.donorId === undefined || view.donorId === filter.donorId) && (filter.status === undefined || view.status === filter.status))
        .sort((a, b) => order(b).localeCompare(order(a)));
      return page(views);
    },
    pledgesWithInstallmentsDueBefore(today) {
      const due = [...records.values()].filter((stored) => stored.locator.recordType === 'pledge' && stored.view?.status === 'open' && (stored.nextDueOn ?? '9999-12-31') < today);
      return page(due.map((stored) => stored.locator));
    },
  };
}

/** A month's rates as the history of its PUTs, folded by the core as the table's adapter does. */
export function memoryRates(): RateStore & { set(month: string, rates: Record<string, string>): void } {
  const puts = new Map<string, RatePut[]>();
  const history = (month: string): MonthRateHistory => {
    const list = puts.get(month) ?? [];
    return { table: list.reduce<MonthRates | undefined>((table, put) => applyRateUpdate(table, put.update), undefined), puts: list };
  };
  const record = (put: RatePut) => {
    puts.set(put.update.month, [...(puts.get(put.update.month) ?? []), put]);
    return history(put.update.month);
  };
  return {
    set: (month, rates) => record({ update: { month, rates }, recordedAt: `${month}-01T00:00:00.000Z`, recordedBy: 'finance' }),
    readMonthRates: (month) => Promise.resolve(history(month)),
    recordRatePut: (put) => Promise.resolve(record(put)),
  };
}

/** Receipt numbers of a year, one after the other; a contribution keeps the one it was given. */
export function memoryReceipts(): ReceiptBook & { issued: Map<string, Receipt> } {
  const issued = new Map<string, Receipt>();
  return {
    issued,
    receiptFor(contributionId, year, now) {
      const key = `${contributionId}#${year}`;
      const existing = issued.get(key);
      if (existing) return Promise.resolve(existing);
      const seq = [...issued.keys()].filter((other) => other.endsWith(`#${year}`)).length + 1;
      const receipt = { number: `A56/${year}/${String(seq).padStart(4, '0')}`, issuedAt: now.toISOString() };
      issued.set(key, receipt);
      return Promise.resolve(receipt);
    },
  };
}

export function memoryReminders(): ReminderStore & { reminders: Map<string, Reminder> } {
  const reminders = new Map<string, Reminder>();
  return {
    reminders,
    raise(reminder) {
      if (reminders.has(reminder.reminderId)) return Promise.resolve(false);
      reminders.set(reminder.reminderId, reminder);
      return Promise.resolve(true);
    },
    list: (type) => page([...reminders.values()].filter((reminder) => type === undefined || reminder.type === type).reverse()),
  };
}

export function memoryAccountStores(...donors: Donor[]) {
  return {
    donors: memoryDonors(...donors),
    ledger: memoryLedger(),
    records: memoryRecords(),
    rates: memoryRates(),
    receipts: memoryReceipts(),
    reminders: memoryReminders(),
  } satisfies AccountStores;
}

/** The intake executions started, by contribution. */
export function memoryIntake(): IntakeExecutions & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    start(contributionId) {
      started.push(contributionId);
      return Promise.resolve();
    },
    status: (contributionId) => Promise.resolve(started.includes(contributionId) ? 'RUNNING' : undefined),
  };
}

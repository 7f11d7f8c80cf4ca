import type { StoreOptions } from '../../shared/aws/dynamo';
import { type DonorStore, makeDonorStore } from './donors';
import { type LedgerStore, makeLedgerStore } from './ledger-store';
import { type RateStore, makeRateStore } from './rates';
import { type ReceiptBook, makeReceiptBook } from './receipts';
import { type RecordStore, makeRecordStore } from './records';
import { type ReminderStore, makeReminderStore } from './reminders';

/** The stores of the Account table (account-table.ts), as the account's use cases ask for them. */
export interface AccountStores {
  donors: DonorStore;
  ledger: LedgerStore;
  records: RecordStore;
  rates: RateStore;
  receipts: ReceiptBook;
  reminders: ReminderStore;
}

/** Every store over one client and the Account table's name; a handler builds them once, at cold start. */
export function makeAccountStores(options: StoreOptions): AccountStores {
  return {
    donors: makeDonorStore(options),
    ledger: makeLedgerStore(options),
    records: makeRecordStore(options),
    rates: makeRateStore(options),
    receipts: makeReceiptBook(options),
    reminders: makeReminderStore(options),
  };
}

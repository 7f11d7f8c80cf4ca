/**
 * The Account table: one table, several item kinds. The money is in the ledger items, written
 * once each with a conditional put and never updated or deleted; everything else is either
 * reference data kept as history (donors, rate tables) or bookkeeping that can be derived
 * from the ledger again (record views, reminders, receipt claims).
 *
 * | pk                     | sk              | item                                                       |
 * | ---------------------- | --------------- | ---------------------------------------------------------- |
 * | `ledger#<donorId>`     | `<year>#<seq>`  | a ledger entry of a record homed in that year (see ledger-store) |
 * | `pledge#<id>`          | `record`        | where the pledge's entries live, and its current view      |
 * | `contribution#<id>`    | `record`        | the same for a contribution                                |
 * | `contribution#<id>`    | `receipt#<year>`| the receipt number reserved for its confirmation           |
 * | `receipts#<year>`      | `n#<seq>`       | receipt number `seq` of that year, claimed once            |
 * | `donor#<donorId>`      | `donor`         | a registered donor                                         |
 * | `rates#<YYYY-MM>`      | `put#<seq>`     | one accepted PUT of the month's rates, in order            |
 * | `reminder#<key>`       | `reminder`      | a reminder raised for finance, once per key                |
 *
 * Global secondary indexes (all lists and reports are Queries on the table or one of these):
 * - `byKind` (kind, order): every donor, pledge, contribution, reminder, and every ledger
 *   entry by home year (`<year>#<donorId>#<seq>`): the yearly summary and exports.
 * - `byOwner` (owner, order): one donor's pledges or contributions (`pledge#<donorId>`).
 * - `byStatus` (statusKey, statusOrder): pledges or contributions in one status; open
 *   pledges are ordered by their next uncovered installment, which the overdue job reads.
 * - `alsoInYear1` / `alsoInYear2` (alsoYear1/2, donorSeq): sparse; ledger entries that
 *   also count in a year other than their home year (see ledger-store).
 *
 * Every store of the table (account-stores.ts) is built from the client and the table's name
 * its handler was configured with.
 */

export const INDEX = {
  byKind: 'byKind',
  byOwner: 'byOwner',
  byStatus: 'byStatus',
  alsoInYear1: 'alsoInYear1',
  alsoInYear2: 'alsoInYear2',
} as const;

/** Sequence numbers in sort keys: fixed width, so that string order is number order. */
export const seqKey = (seq: number): string => String(seq).padStart(6, '0');

/**
 * Named errors of the article 56 account core.
 *
 * The core never speaks HTTP; the adapter maps these classes to statuses. Every message is meant
 * to be shown to a user as is (it names the amount, id, currency or date at fault). DuplicateEntry,
 * which carries the earlier entry, lives with the ledger gate that throws it (ledger.ts).
 */

/** Base class, so the adapter can tell domain refusals from bugs with one `instanceof`. */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is malformed or breaks a rule of its own, whatever the ledger holds (HTTP 400). */
export class InvalidInput extends AccountError {
  /** Where in the request the problem is, e.g. `installments[1].amount`, when known. */
  path: string | undefined;
  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }
}

/** A money string that is not a valid amount of its currency, or an unknown currency. */
export class InvalidMoney extends InvalidInput {}

/** An exchange rate or rate update that is not valid. */
export class InvalidRate extends InvalidInput {}

/** An entry or command that is malformed or inconsistent in itself (e.g. installments do not add up). */
export class InvalidEntry extends InvalidInput {}

/** No UN operational rate is in force for a currency on a date (HTTP 409: nothing is recorded). */
export class MissingRate extends AccountError {
  constructor(
    readonly currency: string,
    readonly date: string,
  ) {
    super(`no UN operational rate for ${currency} on ${date}`);
  }
}

/** The command is valid but conflicts with the current state of the ledger (HTTP 409). */
export class LedgerConflict extends AccountError {}

/** A contribution linked to a pledge must share the pledge's currency and donor. */
export class ConflictWithPledge extends LedgerConflict {}

/** A pledge or contribution id that the ledger does not know (HTTP 404). */
export class UnknownRecord extends AccountError {
  constructor(
    readonly record: 'pledge' | 'contribution',
    readonly id: string,
  ) {
    super(`unknown ${record} ${id}`);
  }
}

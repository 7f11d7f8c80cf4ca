/**
 * Named errors of the article 56 account core, each a kind of refusal of the domain
 * (shared/errors.ts): the core never speaks HTTP, the edge maps the kinds. Every message is
 * meant to be shown to a user as is (it names the amount, id, currency or date at fault).
 * DuplicateEntry, which carries the earlier entry, lives with the ledger gate that throws it
 * (ledger.ts).
 */
import { Conflict, InvalidRequest, NotFound } from '../../shared/errors';

/** Input that is malformed or breaks a rule of its own, whatever the ledger holds. */
export class InvalidInput extends InvalidRequest {
  constructor(
    message: string,
    /** Where in the request the problem is, e.g. `installments[1].amount`, when known. */
    readonly path?: string,
  ) {
    super(message, path ? [{ path, message }] : []);
  }
}

/** A money string that is not a valid amount of its currency, or an unknown currency. */
export class InvalidMoney extends InvalidInput {}

/** An exchange rate or rate update that is not valid. */
export class InvalidRate extends InvalidInput {}

/** An entry or command that is malformed or inconsistent in itself (e.g. installments do not add up). */
export class InvalidEntry extends InvalidInput {}

/** No UN operational rate is in force for a currency on a date: nothing is recorded. */
export class MissingRate extends Conflict {
  override readonly code = 'missing-rate';
  override readonly hint: string;
  constructor(
    readonly currency: string,
    readonly date: string,
  ) {
    super(`no UN operational rate for ${currency} on ${date}`);
    const month = date.slice(0, 7);
    this.hint = `set the ${currency} rate of ${month} first`;
  }
}

/** The command is valid but conflicts with the current state of the ledger. */
export class LedgerConflict extends Conflict {}

/** A contribution linked to a pledge must share the pledge's currency and donor. */
export class ConflictWithPledge extends LedgerConflict {}

/** A pledge or contribution id that the ledger does not know. */
export class UnknownRecord extends NotFound {
  constructor(
    readonly record: 'pledge' | 'contribution',
    readonly id: string,
  ) {
    super(`unknown ${record} ${id}`);
  }
}

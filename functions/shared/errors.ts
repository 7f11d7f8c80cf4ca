/**
 * The kinds of refusal the domain answers with. They carry no HTTP: one mapping at the edge
 * (http/problem.ts) gives each kind its status and title. A bounded context names its own
 * errors as subclasses of these kinds (account/core/errors.ts), so the edge needs to know no
 * context.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  /** A stable code for clients, where the kind alone is too coarse (e.g. `missing-rate`). */
  readonly code?: string;
  /** What the user can do about it, shown after the message. */
  readonly hint?: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed or breaks a rule of its own, at the fields named. */
export class InvalidRequest extends DomainError {
  constructor(message: string, readonly errors: FieldError[] = []) {
    super(message);
  }
}

/** No or no valid credentials. */
export class Unauthenticated extends DomainError {}

/** The caller's role or identity does not allow it. */
export class Forbidden extends DomainError {}

/** No such record. */
export class NotFound extends DomainError {}

/** Valid, but in conflict with the current state. */
export class Conflict extends DomainError {}

/** Valid, but a service it depends on did not take it now: the same request again may succeed (nothing was kept). */
export class Unavailable extends DomainError {}

/** The request is larger than the system takes. */
export class PayloadTooLarge extends DomainError {}

/** An Idempotency-Key reused with a different request. */
export class IdempotencyKeyReused extends DomainError {}

/**
 * Named errors of the domain, each carrying the HTTP status it means for a client.
 * One middleware turns them into application/problem+json; handlers never write statuses.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
  /** Short kebab-case identifier used in the problem `type` URI. */
  get slug(): string {
    return this.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  }
}

export class InvalidRequest extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid request';
  constructor(message: string, readonly errors: FieldError[] = []) {
    super(message);
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly title = 'Authentication required';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict with the current state';
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

export class IdempotencyKeyReused extends DomainError {
  readonly status = 422;
  readonly title = 'Idempotency key reused with a different request';
}

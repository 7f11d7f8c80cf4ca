import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { AccountError, InvalidInput, MissingRate, UnknownRecord } from '../../account/core/errors';
import { Conflict, DomainError, IdempotencyKeyReused, InvalidRequest, NotFound } from '../errors';
import type { Problem } from './problem-schema';

/**
 * Powertools' idempotency errors, known by the names their constructors set: importing the package
 * for `instanceof` would load all of it (JMESPath too) into every API function, meta included.
 */
type IdempotencyErrorName = 'IdempotencyValidationError' | 'IdempotencyAlreadyInProgressError';
const isIdempotencyError = (error: unknown, name: IdempotencyErrorName): boolean => error instanceof Error && error.name === name;

/**
 * Errors of other layers that still mean a client problem, named once here. A ZodError is not
 * one: requests are validated (and refused at their fields) before a use case runs, so a
 * ZodError here means stored data that does not parse, a 500.
 */
function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (isIdempotencyError(error, 'IdempotencyValidationError')) {
    return new IdempotencyKeyReused('This Idempotency-Key was already used with a different request');
  }
  if (isIdempotencyError(error, 'IdempotencyAlreadyInProgressError')) {
    return new Conflict('A request with this Idempotency-Key is still being processed; retry later');
  }
  if (error instanceof AccountError) return accountProblem(error);
  return undefined;
}

/**
 * The article 56 account core's refusals: input that breaks a rule of its own is a 400 at its
 * path; an unknown pledge or contribution a 404; a missing exchange rate (named in the detail)
 * and any conflict with the ledger a 409 (a DuplicateEntry that reaches here is not a replay:
 * the use cases answer identical ones with the current state).
 */
function accountProblem(error: AccountError): DomainError {
  if (error instanceof InvalidInput) {
    return new InvalidRequest(error.message, error.path ? [{ path: error.path, message: error.message }] : []);
  }
  if (error instanceof UnknownRecord) return new NotFound(error.message);
  if (error instanceof MissingRate) return new MissingExchangeRate(error);
  return new Conflict(error.message);
}

/** 409 `urn:unodc:problem:missing-rate`, naming the currency and date and saying what to do. */
class MissingExchangeRate extends Conflict {
  constructor(error: MissingRate) {
    const month = error.date.slice(0, 7);
    super(`${error.message}: set the ${error.currency} rate of ${month} first (PUT /exchange-rates/${month})`);
  }
  override get slug(): string {
    return 'missing-rate';
  }
}

export function zodFieldErrors(error: z.ZodError, prefix = ''): { path: string; message: string }[] {
  const pathOf = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(root)';
  // An unknown field is reported at its own path, so a client sees which one; a field that
  // fails two checks with one message is reported once.
  const errors = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: 'unknown field' }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
  return errors.filter((e, i) => errors.findIndex((other) => other.path === e.path && other.message === e.message) === i);
}

/**
 * Maps any error to problem+json; an unexpected error becomes a bare 500 with no internals,
 * only the correlation id it was logged under.
 */
export function problemResponse(error: unknown, correlationId?: string): { response: APIGatewayProxyStructuredResultV2; expected: boolean } {
  const known = asDomainError(error);
  const problem: Problem = known
    ? {
        type: `urn:unodc:problem:${known.slug}`,
        title: known.title,
        status: known.status,
        detail: known.message,
        ...(known instanceof InvalidRequest && known.errors.length > 0 ? { errors: known.errors } : {}),
      }
    : {
        type: 'urn:unodc:problem:internal-error',
        title: 'Internal error',
        status: 500,
        detail: `The request could not be completed; it has been logged${correlationId ? ` as ${correlationId}` : ''}.`,
        ...(correlationId ? { correlationId } : {}),
      };
  return {
    expected: known !== undefined,
    response: {
      statusCode: problem.status,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify(problem),
    },
  };
}

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { Conflict, DomainError, Forbidden, IdempotencyKeyReused, InvalidRequest, NotFound, PayloadTooLarge, Unauthenticated, Unavailable } from '../errors';
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
  return undefined;
}

type Kind = abstract new (...args: never[]) => DomainError;

/**
 * The one mapping from the domain's kinds of refusal to HTTP: status, title and the problem
 * type (the kind's name, or the error's own `code`). A context's errors are subclasses of these
 * kinds, so none is named here (a DuplicateEntry of the account that reaches here is not a
 * replay, which the use cases answer with the current state: a conflict).
 */
const KINDS: [Kind, number, string, string][] = [
  [InvalidRequest, 400, 'Invalid request', 'invalid-request'],
  [Unauthenticated, 401, 'Authentication required', 'unauthenticated'],
  [Forbidden, 403, 'Forbidden', 'forbidden'],
  [NotFound, 404, 'Not found', 'not-found'],
  [Conflict, 409, 'Conflict with the current state', 'conflict'],
  [PayloadTooLarge, 413, 'Payload too large', 'payload-too-large'],
  [IdempotencyKeyReused, 422, 'Idempotency key reused with a different request', 'idempotency-key-reused'],
  [Unavailable, 503, 'Service unavailable, retry', 'unavailable'],
];

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
  const kind = known && KINDS.find(([type]) => known instanceof type);
  const problem: Problem = known && kind
    ? {
        type: `urn:unodc:problem:${known.code ?? kind[3]}`,
        title: kind[2],
        status: kind[1],
        detail: known.hint ? `${known.message}: ${known.hint}` : known.message,
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
    expected: kind !== undefined,
    response: {
      statusCode: problem.status,
      headers: { 'content-type': 'application/problem+json', ...(problem.status === 503 ? { 'retry-after': '2' } : {}) },
      body: JSON.stringify(problem),
    },
  };
}

import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { Conflict, DomainError, IdempotencyKeyReused, InvalidRequest } from '../errors';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

/** Errors of other layers that still mean a client problem, named once here. */
function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof z.ZodError) return new InvalidRequest('The request is not valid', zodFieldErrors(error));
  if (error instanceof IdempotencyValidationError) {
    return new IdempotencyKeyReused('This Idempotency-Key was already used with a different request');
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new Conflict('A request with this Idempotency-Key is still being processed; retry later');
  }
  return undefined;
}

export function zodFieldErrors(error: z.ZodError, prefix = ''): { path: string; message: string }[] {
  const pathOf = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(root)';
  // An unknown field is reported at its own path, so a client sees which one.
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: 'unknown field' }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

/** Maps any error to problem+json; an unexpected error becomes a bare 500 with no internals. */
export function problemResponse(error: unknown): { response: APIGatewayProxyStructuredResultV2; expected: boolean } {
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
        detail: 'The request could not be completed; it has been logged.',
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

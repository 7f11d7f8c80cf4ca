import middy from '@middy/core';
import type { z } from 'zod';
import { logger } from './observability';
import { type CorrelationKeys, observed } from './observed';

/** The error name that the state machines retry with backoff. */
export const TRANSIENT_ERROR = 'TransientError';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError',
  'ServiceUnavailable', 'ServiceUnavailableException', 'TimeoutError', 'TransactionConflictException',
]);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** Infrastructure hiccups are worth a retry; anything else is a real failure of the step. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  return (
    TRANSIENT_NAMES.has(error.name) ||
    meta.$retryable !== undefined ||
    (meta.$metadata?.httpStatusCode ?? 0) >= 500 ||
    (meta.code !== undefined && TRANSIENT_CODES.has(meta.code))
  );
}

class TransientError extends Error {
  constructor(cause: Error) {
    super(`${cause.name}: ${cause.message}`);
    this.name = TRANSIENT_ERROR;
  }
}

/** What a step's input says it works on (never its task token); a scheduled event's id as correlation id. */
const STEP_KEYS = ['documentId', 'contributionId', 'jobId', 'taskId', 'language', 'round', 'attempt'] as const;

function stepKeys(event: unknown): CorrelationKeys {
  if (typeof event !== 'object' || event === null) return {};
  const fields = event as Record<string, unknown>;
  const keys: CorrelationKeys = {};
  for (const key of STEP_KEYS) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') keys[key] = value;
  }
  if (fields['detail-type'] === 'Scheduled Event' && typeof fields.id === 'string') keys.correlation_id = fields.id;
  return keys;
}

/** A workflow step (or a scheduled job): validates its input (strictly), runs the use case, names transient errors. */
export function stepHandler<S extends z.ZodType, R>(schema: S, run: (input: z.output<S>, now: Date) => Promise<R>) {
  return middy<unknown, R>()
    .use(observed<unknown, R>(stepKeys))
    .handler(async (event) => {
      const input = schema.parse(event);
      try {
        return await run(input, new Date());
      } catch (error) {
        logger.error('workflow step failed', { error: error as Error });
        throw isTransient(error) ? new TransientError(error as Error) : error;
      }
    });
}

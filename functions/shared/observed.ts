import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type middy from '@middy/core';
import { logger, metrics } from './observability';

/** Log keys that tie a line to the thing it is about (and to the request that caused it). */
export type CorrelationKeys = Record<string, string | number | undefined>;

/** Values come from the caller (path parameters): long ones are cut, they only have to be recognisable. */
const MAX_KEY_LENGTH = 200;

/**
 * What every entry point does around its work: the Lambda context (function_request_id, cold
 * start) and the invocation's correlation keys in every log line, reset when it ends (a warm
 * container serves the next invocation without them); the business metrics it counted flushed
 * as EMF, also when it fails, and nothing thrown when it counted none.
 */
export function observed<E, R>(correlationKeys: (event: E) => CorrelationKeys): middy.MiddlewareObj<E, R>[] {
  const correlate: middy.MiddlewareObj<E, R> = {
    before: (request) => {
      const keys = Object.entries(correlationKeys(request.event)).filter(([, value]) => value !== undefined && value !== '');
      logger.appendKeys(Object.fromEntries(keys.map(([key, value]) => [key, typeof value === 'string' ? value.slice(0, MAX_KEY_LENGTH) : value])));
    },
  };
  return [injectLambdaContext(logger, { resetKeys: true }), logMetrics(metrics, { throwOnEmptyMetrics: false }), correlate];
}

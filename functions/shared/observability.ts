import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from './metric-names';

/** The CloudWatch namespace of the business metrics; infra's alarms and dashboard read the same (metric-names.ts). */
export { METRICS_NAMESPACE };

// Service name and log level come from POWERTOOLS_* variables set by the CDK construct.
export const logger = new Logger();

/**
 * Powertools Metrics' own messages, in the function's structured log. Most invocations count no
 * business fact: the note that a flush had nothing to publish is debug, not a warning on every call.
 */
const EMPTY_FLUSH = 'No application metrics to publish';
const metricsDiagnostics = {
  debug: (message: unknown) => logger.debug(String(message)),
  info: (message: unknown) => logger.info(String(message)),
  warn: (message: unknown) => (String(message).startsWith(EMPTY_FLUSH) ? logger.debug(String(message)) : logger.warn(String(message))),
  error: (message: unknown) => logger.error(String(message)),
};

/** Business facts (documents submitted, contributions confirmed, webhook deliveries), as EMF on stdout. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, logger: metricsDiagnostics });

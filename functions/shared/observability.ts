import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** The CloudWatch namespace of the business metrics; infra's alarms and dashboard read the same. */
export const METRICS_NAMESPACE = 'UNODC/Secretariat';

// Service name and log level come from POWERTOOLS_* variables set by the CDK construct.
export const logger = new Logger();
/** Business facts (documents submitted, contributions confirmed, webhook deliveries), as EMF. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
/** X-Ray segments around the SDK clients (off outside Lambda, where there is no daemon). */
export const tracer = new Tracer();

import { Logger } from '@aws-lambda-powertools/logger';

// Service name and log level come from POWERTOOLS_* variables set by the CDK construct.
export const logger = new Logger();

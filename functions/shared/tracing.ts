import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray segments around the SDK clients (off outside Lambda, where there is no daemon). Apart from
 * observability.ts: a function without SDK clients (meta) does not load the X-Ray SDK.
 */
export const tracer = new Tracer();

/**
 * The file, next to the meta function's bundle, that holds the OpenAPI document: the CDK app
 * builds it from the catalogue at synth (infra/stack.ts), so the function never loads the
 * schemas. Kept apart so that neither side imports the other's dependencies.
 */
export const OPENAPI_FILE = 'openapi.json';

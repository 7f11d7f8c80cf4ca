import type { RouteSpec } from '../shared/http/route';

/**
 * The meta function's routes, as it binds them: without zod, since loading no schema is most of
 * its cold start and neither route has input. /health's response schema, which only the OpenAPI
 * document reads, is added in the catalogue.
 */
export const health = {
  method: 'GET', path: '/health', lambda: 'meta', access: 'public', summary: 'Liveness',
  success: { status: 200 },
} as const satisfies RouteSpec;

export const openapi = {
  method: 'GET', path: '/openapi.json', lambda: 'meta', access: 'public', summary: 'This API, as OpenAPI 3.1',
  success: { status: 200, description: 'The OpenAPI document' },
} as const satisfies RouteSpec;

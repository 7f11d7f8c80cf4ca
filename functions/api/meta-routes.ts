import { z } from 'zod';
import type { RouteSpec } from '../shared/http/route';

export const health = {
  method: 'GET', path: '/health', lambda: 'meta', access: 'public', summary: 'Liveness',
  success: { status: 200, schema: z.object({ status: z.literal('ok') }) },
} as const satisfies RouteSpec;

export const openapi = {
  method: 'GET', path: '/openapi.json', lambda: 'meta', access: 'public', summary: 'This API, as OpenAPI 3.1',
  success: { status: 200, description: 'The OpenAPI document' },
} as const satisfies RouteSpec;

export const metaRoutes: RouteSpec[] = [health, openapi];

import * as z from 'zod';
import { accountRoutes } from '../account/routes';
import { documentRoutes } from '../documents/routes';
import { sessionRoutes } from '../documents/session-routes';
import type { RouteSpec } from '../shared/http/route';
import { health, openapi } from './meta-routes';

/** The meta routes as documented: their specs plus /health's answer (meta-routes.ts says why apart). */
const metaRoutes: RouteSpec[] = [{ ...health, success: { ...health.success, schema: z.object({ status: z.literal('ok') }) } }, openapi];

/** Every route of the HTTP API: the CDK app, the OpenAPI document and the tests read this list. */
export const catalogue: RouteSpec[] = [...metaRoutes, ...documentRoutes, ...sessionRoutes, ...accountRoutes];

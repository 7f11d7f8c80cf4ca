import { accountRoutes } from '../account/routes';
import { documentRoutes } from '../documents/routes';
import type { RouteSpec } from '../shared/http/route';
import { metaRoutes } from './meta-routes';

/** Every route of the HTTP API: the CDK app, the OpenAPI document and the tests read this list. */
export const catalogue: RouteSpec[] = [...metaRoutes, ...documentRoutes, ...accountRoutes];

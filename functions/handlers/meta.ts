import { catalogue } from '../api/catalogue';
import * as routes from '../api/meta-routes';
import { openApiDocument } from '../api/openapi';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

// Built once per container: the catalogue does not change while it runs.
const document = openApiDocument(catalogue);

export const handler = apiHandler([
  bind(routes.health, () => Promise.resolve({ body: { status: 'ok' } })),
  bind(routes.openapi, () => Promise.resolve({ body: document })),
]);

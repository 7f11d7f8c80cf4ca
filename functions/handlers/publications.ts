import { findPublications } from '../documents/app/publication';
import * as routes from '../documents/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.listPublications, async ({ query }) => ({ body: await findPublications(query.session, query.limit, query.cursor) })),
]);

import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeFindPublications } from '../documents/app/publication';
import * as routes from '../documents/routes';
import { db } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({ documentsTable: required(ENV.documentsTable) });
const findPublications = makeFindPublications({ documents: makeDocumentStore({ db, tableName: config.documentsTable }) });

export const handler = apiHandler([
  bind(routes.listPublications, async ({ query }) => ({ body: await findPublications(query.session, query.limit, query.cursor) })),
]);

import * as routes from '../documents/routes';
import { findDocuments, readDocument, documentHistory } from '../documents/app/read';
import { submitDocument } from '../documents/app/submit';
import { withdrawDocument } from '../documents/app/withdraw';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

export const handler = apiHandler(
  [
    bind(routes.submitDocument, async ({ caller, body }) => ({ body: await submitDocument(caller, body, new Date()) })),
    bind(routes.listDocuments, async ({ query }) => ({ body: await findDocuments(query, query.limit, query.cursor, new Date()) })),
    bind(routes.getDocument, async ({ params }) => ({ body: await readDocument(params.id, new Date()) })),
    bind(routes.documentHistory, async ({ params }) => ({ body: { items: await documentHistory(params.id) } })),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- bodyOptional: no body sent is undefined, which RouteInput does not say
    bind(routes.withdrawDocument, async ({ caller, params, body }) => ({ body: await withdrawDocument(caller, params.id, body?.reason, new Date()) })),
  ],
  idempotencyFromEnv(),
);

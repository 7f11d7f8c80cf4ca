import { cancel, findPledges, readPledge, recordNewPledge } from '../account/app/pledges';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

export const handler = apiHandler(
  [
    bind(routes.recordPledge, async ({ caller, body, idempotencyKey }) => ({ body: await recordNewPledge(caller, body, idempotencyKey, new Date()) })),
    bind(routes.listPledges, async ({ caller, query }) => ({ body: await findPledges(caller, query, query.limit, query.cursor) })),
    bind(routes.getPledge, async ({ caller, params }) => ({ body: await readPledge(caller, params.id) })),
    bind(routes.cancelPledge, async ({ caller, params, body }) => ({ body: await cancel(caller, params.id, body.reason, new Date()) })),
  ],
  idempotencyFromEnv(),
);

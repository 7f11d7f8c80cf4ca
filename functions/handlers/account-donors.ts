import { findDonors, readDonor, register, statement } from '../account/app/donors';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

export const handler = apiHandler(
  [
    bind(routes.registerDonor, async ({ caller, body }) => ({ body: await register(caller, body, new Date()) })),
    bind(routes.listDonors, async ({ caller, query }) => ({ body: await findDonors(caller, query.limit, query.cursor) })),
    bind(routes.getDonor, async ({ caller, params }) => ({ body: await readDonor(caller, params.donorId) })),
    bind(routes.donorStatement, async ({ caller, params, query }) => ({ body: await statement(caller, params.donorId, query.year, new Date()) })),
  ],
  idempotencyFromEnv(),
);

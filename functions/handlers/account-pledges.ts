import { makeAccountStores } from '../account/adapters/account-stores';
import { makePledges } from '../account/app/pledges';
import * as routes from '../account/routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable), idempotencyTable: required(ENV.idempotencyTable) });
const pledges = makePledges({ stores: makeAccountStores({ db, tableName: config.accountTable }), clock: () => new Date() });

export const handler = apiHandler(
  [
    bind(routes.recordPledge, async ({ caller, body, idempotencyKey }) => ({ body: await pledges.recordNewPledge(caller, body, idempotencyKey) })),
    bind(routes.listPledges, async ({ caller, query }) => ({ body: await pledges.findPledges(caller, query, query.limit, query.cursor) })),
    bind(routes.getPledge, async ({ caller, params }) => ({ body: await pledges.readPledge(caller, params.id) })),
    bind(routes.cancelPledge, async ({ caller, params, body }) => ({ body: await pledges.cancel(caller, params.id, body.reason) })),
  ],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

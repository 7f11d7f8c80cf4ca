import { makeAccountStores } from '../account/adapters/account-stores';
import { makeDonors } from '../account/app/donors';
import * as routes from '../account/routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable), idempotencyTable: required(ENV.idempotencyTable) });
const donors = makeDonors({ stores: makeAccountStores({ db, tableName: config.accountTable }), clock: () => new Date() });

export const handler = apiHandler(
  [
    bind(routes.registerDonor, async ({ caller, body }) => ({ body: await donors.register(caller, body) })),
    bind(routes.listDonors, async ({ caller, query }) => ({ body: await donors.findDonors(caller, query.limit, query.cursor) })),
    bind(routes.getDonor, async ({ caller, params }) => ({ body: await donors.readDonor(caller, params.donorId) })),
    bind(routes.donorStatement, async ({ caller, params, query }) => ({ body: await donors.statement(caller, params.donorId, query.year) })),
  ],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

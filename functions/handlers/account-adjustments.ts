import { makeAccountStores } from '../account/adapters/account-stores';
import { makeAdjust } from '../account/app/adjustments';
import * as routes from '../account/routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable), idempotencyTable: required(ENV.idempotencyTable) });
const adjust = makeAdjust({ stores: makeAccountStores({ db, tableName: config.accountTable }), clock: () => new Date() });

export const handler = apiHandler(
  [bind(routes.recordAdjustment, async ({ caller, body, idempotencyKey }) => ({ body: await adjust(caller, body, idempotencyKey) }))],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

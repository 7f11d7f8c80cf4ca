import { makeRateStore } from '../account/adapters/rates';
import { makeRates } from '../account/app/rates';
import * as routes from '../account/routes';
import { db } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable) });
const rates = makeRates({ rates: makeRateStore({ db, tableName: config.accountTable }), clock: () => new Date() });

export const handler = apiHandler([
  bind(routes.setExchangeRates, async ({ caller, params, body }) => ({ body: await rates.setRates(caller, params.month, body) })),
  bind(routes.getExchangeRates, async ({ params }) => ({ body: await rates.readRates(params.month) })),
]);

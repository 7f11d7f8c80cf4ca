import { readRates, setRates } from '../account/app/rates';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.setExchangeRates, async ({ caller, params, body }) => ({ body: await setRates(caller, params.month, body, new Date()) })),
  bind(routes.getExchangeRates, async ({ params }) => ({ body: await readRates(params.month) })),
]);

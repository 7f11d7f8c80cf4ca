import { adjust } from '../account/app/adjustments';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

export const handler = apiHandler(
  [bind(routes.recordAdjustment, async ({ caller, body, idempotencyKey }) => ({ body: await adjust(caller, body, idempotencyKey, new Date()) }))],
  idempotencyFromEnv(),
);

import { confirm, findContributions, intakeHeartbeat, readContribution, reject, report } from '../account/app/contributions';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

export const handler = apiHandler(
  [
    bind(routes.reportContribution, async ({ caller, body, idempotencyKey }) => ({ body: await report(caller, body, idempotencyKey, new Date()) })),
    bind(routes.listContributions, async ({ caller, query }) => ({ body: await findContributions(caller, query, query.limit, query.cursor) })),
    bind(routes.getContribution, async ({ caller, params }) => ({ body: await readContribution(caller, params.id) })),
    bind(routes.confirmContribution, async ({ caller, params, body }) => ({ body: await confirm(caller, params.id, body, new Date()) })),
    bind(routes.rejectContribution, async ({ caller, params, body }) => ({ body: await reject(caller, params.id, body.reason, new Date()) })),
    bind(routes.contributionHeartbeat, async ({ params }) => {
      await intakeHeartbeat(params.id);
      return {};
    }),
  ],
  idempotencyFromEnv(),
);

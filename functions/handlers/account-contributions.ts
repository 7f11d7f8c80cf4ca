import { confirm, findContributions, intakeHeartbeat, readContribution, reject, report } from '../account/app/contributions';
import { contributionReceived, contributionReported } from '../account/events';
import * as routes from '../account/routes';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { idempotencyFromEnv } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({ eventBus: required(ENV.domainEventBus), emittedEventsTable: required(ENV.emittedEventsTable) });
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });

// Announced after the use case committed, on every call that sees the fact (a retry included): the publisher sends each once.
export const handler = apiHandler(
  [
    bind(routes.reportContribution, async ({ caller, body, idempotencyKey }) => {
      const reported = await report(caller, body, idempotencyKey, new Date());
      await events.publish(contributionReported(reported));
      return { body: reported };
    }),
    bind(routes.listContributions, async ({ caller, query }) => ({ body: await findContributions(caller, query, query.limit, query.cursor) })),
    bind(routes.getContribution, async ({ caller, params }) => ({ body: await readContribution(caller, params.id) })),
    bind(routes.confirmContribution, async ({ caller, params, body }) => {
      const confirmed = await confirm(caller, params.id, body, new Date());
      const received = contributionReceived(confirmed);
      if (received) await events.publish(received);
      return { body: confirmed };
    }),
    bind(routes.rejectContribution, async ({ caller, params, body }) => ({ body: await reject(caller, params.id, body.reason, new Date()) })),
    bind(routes.contributionHeartbeat, async ({ params }) => {
      await intakeHeartbeat(params.id);
      return {};
    }),
  ],
  idempotencyFromEnv(),
);

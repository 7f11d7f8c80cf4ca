import { makeAccountStores } from '../account/adapters/account-stores';
import { makeIntakeExecutions } from '../account/adapters/intake-executions';
import { makeContributions } from '../account/app/contributions';
import { makeIntakeWait } from '../account/app/intake-outcome';
import { contributionReceived, contributionReported } from '../account/events';
import * as routes from '../account/routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({
  accountTable: required(ENV.accountTable),
  taskTokensTable: required(ENV.taskTokensTable),
  idempotencyTable: required(ENV.idempotencyTable),
  intakeArn: required(ENV.contributionIntakeArn),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const stores = makeAccountStores({ db, tableName: config.accountTable });
const workflow = makeWorkflow(sfn);
const contributions = makeContributions({
  stores,
  intake: makeIntakeExecutions(workflow, config.intakeArn),
  wait: makeIntakeWait({ stores, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow }),
  clock: () => new Date(),
});
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });

// Announced after the use case committed, on every call that sees the fact (a retry included): the publisher sends each once.
export const handler = apiHandler(
  [
    bind(routes.reportContribution, async ({ caller, body, idempotencyKey }) => {
      const reported = await contributions.report(caller, body, idempotencyKey);
      await events.publish(contributionReported(reported));
      return { body: reported };
    }),
    bind(routes.listContributions, async ({ caller, query }) => ({ body: await contributions.findContributions(caller, query, query.limit, query.cursor) })),
    bind(routes.getContribution, async ({ caller, params }) => ({ body: await contributions.readContribution(caller, params.id) })),
    bind(routes.confirmContribution, async ({ caller, params, body }) => {
      const confirmed = await contributions.confirm(caller, params.id, body);
      const received = contributionReceived(confirmed);
      if (received) await events.publish(received);
      return { body: confirmed };
    }),
    bind(routes.rejectContribution, async ({ caller, params, body }) => ({ body: await contributions.reject(caller, params.id, body.reason) })),
    bind(routes.contributionHeartbeat, async ({ params }) => {
      await contributions.heartbeat(params.id);
      return {};
    }),
  ],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

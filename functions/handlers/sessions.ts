import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeSessionStore } from '../documents/adapters/session-store';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeSessionPlan } from '../documents/app/plan';
import { makeSessionPlanning } from '../documents/app/sessions';
import { Capacity } from '../documents/core/workload';
import * as routes from '../documents/session-routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  idempotencyTable: required(ENV.idempotencyTable),
  translationCapacity: required(ENV.translationCapacity),
});
// A malformed setting fails the cold start, as a missing one does.
const capacity = Capacity.parse(JSON.parse(config.translationCapacity));
const clock = () => new Date();
const sessions = makeSessionStore({ db, tableName: config.documentsTable });
const planning = makeSessionPlanning({ sessions, clock });
const plan = makeSessionPlan({
  sessions,
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
  capacity,
  clock,
});

export const handler = apiHandler(
  [
    bind(routes.planSession, async ({ params, body }) => ({ body: await planning.planSession(params.code, body) })),
    bind(routes.getSession, async ({ params }) => ({ body: await planning.readSession(params.code) })),
    bind(routes.forecastSlot, async ({ params, body }) => ({ body: await planning.forecastSlot(params.code, body) })),
    bind(routes.listSlots, async ({ params, query }) => ({ body: await planning.listSlots(params.code, query.limit, query.cursor) })),
    bind(routes.sessionPlan, async ({ params }) => ({ body: await plan(params.code) })),
  ],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

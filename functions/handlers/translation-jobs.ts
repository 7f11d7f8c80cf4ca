import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeWorkItemCallbacks } from '../documents/app/work-item-callbacks';
import { completeTranslation, failTranslation, translationJobKind } from '../documents/app/work-item-kinds';
import * as routes from '../documents/routes';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  taskTokensTable: required(ENV.taskTokensTable),
});
const store = makeTranslationJobStore({ db, tableName: config.translationJobsTable });
const jobs = makeWorkItemCallbacks({
  store,
  tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }),
  workflow: makeWorkflow(sfn),
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  clock: () => new Date(),
  kind: translationJobKind,
});
const complete = jobs.closing(completeTranslation);
const fail = jobs.closing(failTranslation);

export const handler = apiHandler([
  bind(routes.listTranslationJobs, async ({ query }) => {
    const page = await store.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map(translationJobKind.parse), nextCursor: page.nextCursor } };
  }),
  bind(routes.getTranslationJob, async ({ params }) => ({ body: await jobs.read(params.jobId) })),
  bind(routes.translationHeartbeat, async ({ params }) => {
    await jobs.heartbeat(params.jobId);
    return {};
  }),
  bind(routes.completeTranslation, async ({ caller, params, body }) => ({ body: await complete(caller, params.jobId, body) })),
  bind(routes.failTranslation, async ({ caller, params, body }) => ({ body: await fail(caller, params.jobId, body) })),
]);

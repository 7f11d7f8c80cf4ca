import { makeDocumentStore } from '../documents/adapters/document-store';
import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeWorkItemCallbacks } from '../documents/app/work-item-callbacks';
import { completePrinting, printJobKind } from '../documents/app/work-item-kinds';
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
  printJobsTable: required(ENV.printJobsTable),
  taskTokensTable: required(ENV.taskTokensTable),
});
const store = makePrintJobStore({ db, tableName: config.printJobsTable });
const jobs = makeWorkItemCallbacks({
  store,
  tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }),
  workflow: makeWorkflow(sfn),
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  clock: () => new Date(),
  kind: printJobKind,
});
const complete = jobs.closing(completePrinting);

export const handler = apiHandler([
  bind(routes.listPrintJobs, async ({ query }) => {
    const page = await store.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map(printJobKind.parse), nextCursor: page.nextCursor } };
  }),
  bind(routes.completePrinting, async ({ caller, params, body }) => ({ body: await complete(caller, params.jobId, body) })),
  bind(routes.printHeartbeat, async ({ params }) => {
    await jobs.heartbeat(params.jobId);
    return {};
  }),
]);

import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makeDocumentPipeline } from '../documents/adapters/pipeline';
import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeSessionStore } from '../documents/adapters/session-store';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeCloseOpenWork } from '../documents/app/close-work';
import { makeDocumentReads } from '../documents/app/read';
import { makeSubmitDocument } from '../documents/app/submit';
import { makeWithdrawDocument } from '../documents/app/withdraw';
import * as routes from '../documents/routes';
import { db, dynamoClient } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { sfn } from '../shared/aws/sfn';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { makeIdempotency } from '../shared/http/idempotency';
import { bind } from '../shared/http/route';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  editingTasksTable: required(ENV.editingTasksTable),
  printJobsTable: required(ENV.printJobsTable),
  idempotencyTable: required(ENV.idempotencyTable),
  pipelineArn: required(ENV.documentPipelineArn),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const clock = () => new Date();
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });
const documents = makeDocumentStore({ db, tableName: config.documentsTable });
const pipeline = makeDocumentPipeline(makeWorkflow(sfn), config.pipelineArn);
const closeOpenWork = makeCloseOpenWork({
  translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
  editingTasks: makeEditingTaskStore({ db, tableName: config.editingTasksTable }),
  printJobs: makePrintJobStore({ db, tableName: config.printJobsTable }),
});
const reads = makeDocumentReads({ documents, clock });
const submitDocument = makeSubmitDocument({ documents, slots: makeSessionStore({ db, tableName: config.documentsTable }), pipeline, events, clock });
const withdrawDocument = makeWithdrawDocument({ documents, pipeline, closeOpenWork, events, clock });

export const handler = apiHandler(
  [
    bind(routes.submitDocument, async ({ caller, body, idempotencyKey }) => ({ body: await submitDocument(caller, body, idempotencyKey) })),
    bind(routes.listDocuments, async ({ query }) => ({ body: await reads.findDocuments(query, query.limit, query.cursor) })),
    bind(routes.getDocument, async ({ params }) => ({ body: await reads.readDocument(params.id) })),
    bind(routes.documentHistory, async ({ params }) => ({ body: { items: await reads.documentHistory(params.id) } })),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- bodyOptional: no body sent is undefined, which RouteInput does not say
    bind(routes.withdrawDocument, async ({ caller, params, body }) => ({ body: await withdrawDocument(caller, params.id, body?.reason) })),
  ],
  makeIdempotency({ client: dynamoClient, tableName: config.idempotencyTable }),
);

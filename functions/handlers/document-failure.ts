import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeCloseOpenWork } from '../documents/app/close-work';
import { makeMarkDocumentFailed } from '../documents/app/failure';
import { FailureStepInput } from '../documents/steps';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  editingTasksTable: required(ENV.editingTasksTable),
  printJobsTable: required(ENV.printJobsTable),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const markDocumentFailed = makeMarkDocumentFailed({
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  closeOpenWork: makeCloseOpenWork({
    translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
    editingTasks: makeEditingTaskStore({ db, tableName: config.editingTasksTable }),
    printJobs: makePrintJobStore({ db, tableName: config.printJobsTable }),
  }),
  events: makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } }),
  clock: () => new Date(),
});

export const handler = stepHandler(FailureStepInput, (input) => markDocumentFailed(input.documentId, input.failure));

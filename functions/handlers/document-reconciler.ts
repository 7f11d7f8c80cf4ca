import * as z from 'zod';
import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makeDocumentPipeline } from '../documents/adapters/pipeline';
import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeCloseOpenWork } from '../documents/app/close-work';
import { makeMarkDocumentFailed } from '../documents/app/failure';
import { makeReconcile } from '../documents/app/reconcile';
import { makeFinishWithdrawal } from '../documents/app/withdraw';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { sfn } from '../shared/aws/sfn';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  editingTasksTable: required(ENV.editingTasksTable),
  printJobsTable: required(ENV.printJobsTable),
  pipelineArn: required(ENV.documentPipelineArn),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const clock = () => new Date();
const documents = makeDocumentStore({ db, tableName: config.documentsTable });
const work = {
  translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
  editingTasks: makeEditingTaskStore({ db, tableName: config.editingTasksTable }),
  printJobs: makePrintJobStore({ db, tableName: config.printJobsTable }),
};
const pipeline = makeDocumentPipeline(makeWorkflow(sfn), config.pipelineArn);
const closeOpenWork = makeCloseOpenWork(work);
// What the reconciler fails or finishes withdrawing is announced like every other such document.
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });
const reconcile = makeReconcile({
  documents,
  pipeline,
  work,
  markFailed: makeMarkDocumentFailed({ documents, closeOpenWork, events, clock }),
  finishWithdrawal: makeFinishWithdrawal({ documents, pipeline, closeOpenWork, events }),
  clock,
});

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => reconcile());

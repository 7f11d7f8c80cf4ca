import { makeDocumentStore } from '../documents/adapters/document-store';
import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeOpenPrintJob } from '../documents/app/printing';
import { makeWorkItemCallbacks } from '../documents/app/work-item-callbacks';
import { printJobKind } from '../documents/app/work-item-kinds';
import { PrintStepInput } from '../documents/steps';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  printJobsTable: required(ENV.printJobsTable),
  taskTokensTable: required(ENV.taskTokensTable),
});
const clock = () => new Date();
const documents = makeDocumentStore({ db, tableName: config.documentsTable });
const jobs = makePrintJobStore({ db, tableName: config.printJobsTable });
const openPrintJob = makeOpenPrintJob({
  documents,
  jobs,
  callbacks: makeWorkItemCallbacks({ store: jobs, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow: makeWorkflow(sfn), documents, clock, kind: printJobKind }),
  clock,
});

export const handler = stepHandler(PrintStepInput, (input) => openPrintJob(input));

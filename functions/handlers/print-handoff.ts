import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { makeOpenPrintJob } from '../documents/app/printing';
import { printJobKind } from '../documents/app/work-item-kinds';
import { PrintStepInput } from '../documents/steps';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';
import { composeWorkItems } from './roots/work-items';

const { clock, documents, store: jobs, callbacks } = composeWorkItems(ENV.printJobsTable, makePrintJobStore, printJobKind);
const openPrintJob = makeOpenPrintJob({ documents, jobs, callbacks, clock });

export const handler = stepHandler(PrintStepInput, (input) => openPrintJob(input));

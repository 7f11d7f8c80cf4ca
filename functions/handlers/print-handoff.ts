import { openPrintJob } from '../documents/app/printing';
import { PrintStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(PrintStepInput, openPrintJob);

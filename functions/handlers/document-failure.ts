import { markDocumentFailed } from '../documents/app/failure';
import { FailureStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(FailureStepInput, (input, now) => markDocumentFailed(input.documentId, input.failure, now));

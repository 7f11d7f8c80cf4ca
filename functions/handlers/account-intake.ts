import { awaitConfirmation } from '../account/app/intake';
import { AwaitConfirmationInput } from '../account/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(AwaitConfirmationInput, awaitConfirmation);

import { publishDocument } from '../documents/app/publication';
import { PublicationStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(PublicationStepInput, (input, now) => publishDocument(input.documentId, now));

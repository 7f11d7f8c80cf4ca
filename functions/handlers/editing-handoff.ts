import { openEditingTask } from '../documents/app/editing';
import { EditingStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(EditingStepInput, openEditingTask);

import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makeOpenEditingTask } from '../documents/app/editing';
import { editingTaskKind } from '../documents/app/work-item-kinds';
import { EditingStepInput } from '../documents/steps';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';
import { composeWorkItems } from './roots/work-items';

const { clock, documents, store: tasks, callbacks } = composeWorkItems(ENV.editingTasksTable, makeEditingTaskStore, editingTaskKind);
const openEditingTask = makeOpenEditingTask({ documents, tasks, callbacks, clock });

export const handler = stepHandler(EditingStepInput, (input) => openEditingTask(input));

import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makeOpenEditingTask } from '../documents/app/editing';
import { makeWorkItemCallbacks } from '../documents/app/work-item-callbacks';
import { editingTaskKind } from '../documents/app/work-item-kinds';
import { EditingStepInput } from '../documents/steps';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  editingTasksTable: required(ENV.editingTasksTable),
  taskTokensTable: required(ENV.taskTokensTable),
});
const clock = () => new Date();
const documents = makeDocumentStore({ db, tableName: config.documentsTable });
const tasks = makeEditingTaskStore({ db, tableName: config.editingTasksTable });
const openEditingTask = makeOpenEditingTask({
  documents,
  tasks,
  callbacks: makeWorkItemCallbacks({ store: tasks, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow: makeWorkflow(sfn), documents, clock, kind: editingTaskKind }),
  clock,
});

export const handler = stepHandler(EditingStepInput, (input) => openEditingTask(input));

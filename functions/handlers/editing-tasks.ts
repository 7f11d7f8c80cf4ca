import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { makeWorkItemCallbacks } from '../documents/app/work-item-callbacks';
import { decideEditing, editingTaskKind } from '../documents/app/work-item-kinds';
import * as routes from '../documents/routes';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  editingTasksTable: required(ENV.editingTasksTable),
  taskTokensTable: required(ENV.taskTokensTable),
});
const store = makeEditingTaskStore({ db, tableName: config.editingTasksTable });
const tasks = makeWorkItemCallbacks({
  store,
  tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }),
  workflow: makeWorkflow(sfn),
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  clock: () => new Date(),
  kind: editingTaskKind,
});
const decide = tasks.closing(decideEditing);

export const handler = apiHandler([
  bind(routes.listEditingTasks, async ({ query }) => {
    const page = await store.list(query.status, query.limit, query.cursor, query.language ? `${query.language}#` : undefined);
    return { body: { items: page.items.map(editingTaskKind.parse), nextCursor: page.nextCursor } };
  }),
  bind(routes.decideEditing, async ({ caller, params, body }) => ({ body: await decide(caller, params.taskId, body) })),
  bind(routes.editingHeartbeat, async ({ params }) => {
    await tasks.heartbeat(params.taskId);
    return {};
  }),
]);

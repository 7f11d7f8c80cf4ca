import { makeEditingTaskStore } from '../documents/adapters/editing-tasks';
import { decideEditing, editingTaskKind } from '../documents/app/work-item-kinds';
import * as routes from '../documents/routes';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';
import { composeWorkItems } from './roots/work-items';

const { store, callbacks: tasks } = composeWorkItems(ENV.editingTasksTable, makeEditingTaskStore, editingTaskKind);
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

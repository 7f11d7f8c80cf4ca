import { decide, editingHeartbeat } from '../documents/app/editing';
import { editingTasks } from '../documents/adapters/editing-tasks';
import { EditingTask } from '../documents/core/work-items';
import * as routes from '../documents/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.listEditingTasks, async ({ query }) => {
    const page = await editingTasks.list(query.status, query.limit, query.cursor, query.language ? `${query.language}#` : undefined);
    return { body: { items: page.items.map((task) => EditingTask.parse(task)), nextCursor: page.nextCursor } };
  }),
  bind(routes.decideEditing, async ({ caller, params, body }) => ({ body: await decide(caller, params.taskId, body.decision, body.comments, new Date()) })),
  bind(routes.editingHeartbeat, async ({ params }) => {
    await editingHeartbeat(params.taskId);
    return {};
  }),
]);

import { makePrintJobStore } from '../documents/adapters/print-jobs';
import { completePrinting, printJobKind } from '../documents/app/work-item-kinds';
import * as routes from '../documents/routes';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';
import { composeWorkItems } from './roots/work-items';

const { store, callbacks: jobs } = composeWorkItems(ENV.printJobsTable, makePrintJobStore, printJobKind);
const complete = jobs.closing(completePrinting);

export const handler = apiHandler([
  bind(routes.listPrintJobs, async ({ query }) => {
    const page = await store.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map(printJobKind.parse), nextCursor: page.nextCursor } };
  }),
  bind(routes.completePrinting, async ({ caller, params, body }) => ({ body: await complete(caller, params.jobId, body) })),
  bind(routes.printHeartbeat, async ({ params }) => {
    await jobs.heartbeat(params.jobId);
    return {};
  }),
]);

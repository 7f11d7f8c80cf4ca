import { completePrintJob, printHeartbeat } from '../documents/app/printing';
import { printJobs } from '../documents/adapters/print-jobs';
import { PrintJob } from '../documents/core/work-items';
import * as routes from '../documents/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.listPrintJobs, async ({ query }) => {
    const page = await printJobs.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map((job) => PrintJob.parse(job)), nextCursor: page.nextCursor } };
  }),
  bind(routes.completePrinting, async ({ caller, params, body }) => ({ body: await completePrintJob(caller, params.jobId, body.copiesPrinted, new Date()) })),
  bind(routes.printHeartbeat, async ({ params }) => {
    await printHeartbeat(params.jobId);
    return {};
  }),
]);

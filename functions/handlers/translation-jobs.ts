import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { completeTranslation, failTranslation, translationJobKind } from '../documents/app/work-item-kinds';
import * as routes from '../documents/routes';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';
import { composeWorkItems } from './roots/work-items';

const { store, callbacks: jobs } = composeWorkItems(ENV.translationJobsTable, makeTranslationJobStore, translationJobKind);
const complete = jobs.closing(completeTranslation);
const fail = jobs.closing(failTranslation);

export const handler = apiHandler([
  bind(routes.listTranslationJobs, async ({ query }) => {
    const page = await store.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map(translationJobKind.parse), nextCursor: page.nextCursor } };
  }),
  bind(routes.getTranslationJob, async ({ params }) => ({ body: await jobs.read(params.jobId) })),
  bind(routes.translationHeartbeat, async ({ params }) => {
    await jobs.heartbeat(params.jobId);
    return {};
  }),
  bind(routes.completeTranslation, async ({ caller, params, body }) => ({ body: await complete(caller, params.jobId, body) })),
  bind(routes.failTranslation, async ({ caller, params, body }) => ({ body: await fail(caller, params.jobId, body) })),
]);

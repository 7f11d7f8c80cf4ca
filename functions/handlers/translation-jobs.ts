import { completeTranslationJob, failTranslationJob, readTranslationJob, translationHeartbeat } from '../documents/app/translation-callbacks';
import { translationJobs } from '../documents/adapters/translation-jobs';
import { TranslationJob } from '../documents/core/work-items';
import * as routes from '../documents/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.listTranslationJobs, async ({ query }) => {
    const page = await translationJobs.list(query.status, query.limit, query.cursor);
    return { body: { items: page.items.map((job) => TranslationJob.parse(job)), nextCursor: page.nextCursor } };
  }),
  bind(routes.getTranslationJob, async ({ params }) => ({ body: await readTranslationJob(params.jobId) })),
  bind(routes.translationHeartbeat, async ({ params }) => {
    await translationHeartbeat(params.jobId);
    return {};
  }),
  bind(routes.completeTranslation, async ({ caller, params, body }) => ({ body: await completeTranslationJob(caller, params.jobId, body.translatedUri, new Date()) })),
  bind(routes.failTranslation, async ({ caller, params, body }) => ({ body: await failTranslationJob(caller, params.jobId, body.reason, new Date()) })),
]);

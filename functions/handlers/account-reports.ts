import { exportAccount, report, summary } from '../account/app/reports';
import { listReminders } from '../account/adapters/reminders';
import * as routes from '../account/routes';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

export const handler = apiHandler([
  bind(routes.accountSummary, async ({ query }) => ({ body: await summary(query.year) })),
  bind(routes.accountExport, async ({ query }) => exportAccount(query.format, query.year)),
  bind(routes.accountReportRoute, async ({ query }) => report(query.year, query.format)),
  bind(routes.listReminders, async ({ query }) => ({ body: await listReminders(query.type, query.limit, query.cursor) })),
]);

import { makeAccountStores } from '../account/adapters/account-stores';
import { makeReports } from '../account/app/reports';
import * as routes from '../account/routes';
import { db } from '../shared/aws/dynamo';
import { optional, readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable), reportingOrgRef: optional(ENV.iatiReportingOrgRef) });
const stores = makeAccountStores({ db, tableName: config.accountTable });
const reports = makeReports({ stores, reportingOrgRef: config.reportingOrgRef });

export const handler = apiHandler([
  bind(routes.accountSummary, async ({ query }) => ({ body: await reports.summary(query.year) })),
  bind(routes.accountExport, async ({ query }) => reports.exportAccount(query.format, query.year)),
  bind(routes.accountReportRoute, async ({ query }) => reports.report(query.year, query.format)),
  bind(routes.listReminders, async ({ query }) => ({ body: await stores.reminders.list(query.type, query.limit, query.cursor) })),
]);

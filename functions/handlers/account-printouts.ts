import { makeAccountStores } from '../account/adapters/account-stores';
import { makePrintouts } from '../account/app/printouts';
import * as routes from '../account/routes';
import { db } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { pdfResult } from '../shared/http/binary';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

const config = readConfig({ accountTable: required(ENV.accountTable) });
const printouts = makePrintouts({ stores: makeAccountStores({ db, tableName: config.accountTable }), clock: () => new Date() });

// Apart from the JSON routes: only this bundle carries pdfkit and its fonts.
export const handler = apiHandler([
  bind(routes.contributionReceipt, async ({ caller, params }) => pdfResult(await printouts.receipt(caller, params.id))),
  bind(routes.donorStatementPdf, async ({ caller, params, query }) => pdfResult(await printouts.statementDocument(caller, params.donorId, query.year))),
]);

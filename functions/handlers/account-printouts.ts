import { receipt, statementDocument } from '../account/app/printouts';
import * as routes from '../account/routes';
import { pdfResult } from '../shared/http/binary';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

// Apart from the JSON routes: only this bundle carries pdfkit and its fonts.
export const handler = apiHandler([
  bind(routes.contributionReceipt, async ({ caller, params }) => pdfResult(await receipt(caller, params.id))),
  bind(routes.donorStatementPdf, async ({ caller, params, query }) => pdfResult(await statementDocument(caller, params.donorId, query.year, new Date()))),
]);

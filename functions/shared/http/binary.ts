import { renderPdf } from '../pdf/render';
import type { Printout } from '../pdf/layout';
import type { RouteResult } from './route';

/** A printout as the answer of a route: the PDF in base64 (API Gateway sends it as bytes), shown inline under its file name. */
export async function pdfResult(printout: Printout): Promise<RouteResult> {
  const pdf = await renderPdf(printout);
  return {
    body: pdf.toString('base64'),
    isBase64Encoded: true,
    contentType: 'application/pdf',
    headers: { 'content-disposition': `inline; filename="${printout.fileName}"` },
  };
}

// pdfkit's CommonJS build: bundled, it finds its standard fonts next to the bundle (AppFunction's `pdf` option).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the ESM build resolves its fonts through import.meta.url, which a CommonJS bundle has not
import PDFDocument = require('pdfkit');
import type { PrintBlock, Printout } from './layout';

const MARGIN = 56;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * Draws a printout as an A4 PDF with real text (searchable, copyable), in the PDF standard fonts
 * (nothing embedded). Content streams are Flate-compressed, as every PDF reader expects. The
 * metadata's dates are the printout's own, so the same printout gives the same bytes.
 */
export function renderPdf(printout: Printout): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: printout.title, Subject: printout.subject, Author: 'UNODC', Creator: 'UNODC Cybercrime Convention secretariat', CreationDate: printout.createdAt, ModDate: printout.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(BOLD).fontSize(16).text(printout.title);
  doc.moveDown(0.5);
  for (const block of printout.blocks) draw(doc, block);
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, block: PrintBlock): void {
  const width = doc.page.width - 2 * MARGIN;
  switch (block.kind) {
    case 'heading':
      doc.moveDown(0.6).font(BOLD).fontSize(12).text(block.text, MARGIN);
      doc.moveDown(0.2);
      break;
    case 'paragraph':
      doc.font(REGULAR).fontSize(10).text(block.text, MARGIN, undefined, { width });
      doc.moveDown(0.4);
      break;
    case 'fields':
      for (const [label, value] of block.rows) {
        const y = doc.y;
        doc.font(BOLD).fontSize(10).text(label, MARGIN, y, { width: width * 0.32 });
        const afterLabel = doc.y;
        doc.font(REGULAR).text(value, MARGIN + width * 0.34, y, { width: width * 0.66 });
        doc.y = Math.max(afterLabel, doc.y) + 2;
      }
      break;
    case 'table': {
      const row = (cells: readonly string[], font: string) => {
        if (doc.y > doc.page.height - MARGIN - 24) doc.addPage();
        const y = doc.y;
        let x = MARGIN;
        let bottom = y;
        block.columns.forEach((column, index) => {
          const cellWidth = width * column.width - 4;
          doc.font(font).fontSize(9).text(cells[index] ?? '', x, y, { width: cellWidth, align: column.align ?? 'left' });
          bottom = Math.max(bottom, doc.y);
          x += width * column.width;
        });
        doc.y = bottom + 3;
      };
      row(block.columns.map((column) => column.header), BOLD);
      if (block.rows.length === 0) doc.font(REGULAR).fontSize(9).text(block.empty, MARGIN);
      for (const cells of block.rows) row(cells, REGULAR);
      doc.x = MARGIN;
      break;
    }
  }
}

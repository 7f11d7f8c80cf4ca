import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as a reader extracts it (no PDF library is a dependency): every content
 * stream, inflated when it is FlateDecode, its text-showing operators (Tj, TJ) decoded from the
 * hex or literal strings pdfkit writes. One line per text object (BT … ET).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /<<((?:(?!>>)[\s\S])*?)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streams.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const data = pdf.subarray(start, end);
    let content: string;
    try {
      content = (/\/FlateDecode/.test(match[1]) ? inflateSync(data) : data).toString('latin1');
    } catch {
      continue; // not a stream of ours (an image, a font): skip it
    }
    for (const block of content.split(/\bBT\b/).slice(1)) {
      const text = block.split(/\bET\b/)[0];
      const shown = [...text.matchAll(/\[((?:[^\]])*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g)].map((found) => strings(found[1] || found[2] || '')).join('');
      if (shown) lines.push(shown);
    }
  }
  return lines.join('\n');
}

function strings(operands: string): string {
  let out = '';
  for (const found of operands.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
    const [whole, hex] = found;
    if (whole.startsWith('<')) out += Buffer.from(hex.replace(/\s/g, ''), 'hex').toString('latin1');
    else out += (found[2] || '').replace(/\\([()\\])/g, '$1');
  }
  return out;
}

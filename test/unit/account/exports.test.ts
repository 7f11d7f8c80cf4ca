import { csvField, exportCsv, exportIati, IATI_TRANSACTION_TYPE, xmlEscape } from '../../../functions/account/core';
import { TestLedger } from './fixtures';
import { scenario } from './scenario';

/** Splits RFC 4180 text into records of fields, failing on anything malformed. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    fields.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (fields.length > 0) throw new Error('last record without CRLF');
  return records;
}

/**
 * A tiny well-formedness check: declaration, balanced and properly nested tags, quoted attributes,
 * no duplicate attributes, only the five predefined entities, no raw & or < in text. Returns the
 * element tree as (name, attributes, text) for assertions.
 */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}
function parseXml(xml: string): Node {
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(s)) throw new Error(`bad entity in ${s}`);
    if (/</.test(s)) throw new Error(`raw < in ${s}`);
    return s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&amp;/g, '&');
  };
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(decl)) throw new Error('missing declaration');
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = decl.length;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt === -1 ? xml.length : lt;
    const top = stack[stack.length - 1];
    top.text += decode(xml.slice(i, end));
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`);
    const [whole, closing, name, attrText, selfClosing] = m;
    if (closing) {
      if (attrText || selfClosing) throw new Error(`bad end tag ${whole}`);
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${String(open?.name)}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of ((attrText as string | undefined) ?? '').matchAll(/([\w.:-]+)="([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2]);
      }
      const node: Node = { name: name, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
    i = lt + whole.length;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not exactly one root element');
  return root.children[0];
}

const find = (node: Node, name: string) => node.children.filter((c) => c.name === name);

describe('exportCsv', () => {
  it('writes a header and one row per pledge and per received contribution, with CRLF', () => {
    const csv = exportCsv(scenario().entries);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(parseCsv(csv)).toEqual([
      ['type', 'id', 'donorId', 'date', 'currency', 'amount', 'rate', 'amountUsd', 'earmark', 'pledgeId', 'reference', 'status', 'receipt'],
      ['pledge', 'P2', 'DE', '2026-12-05', 'JPY', '300000', '150', '2000.00', '', '', '', 'open', ''],
      ['contribution', 'C5', 'DE', '2026-12-20', 'JPY', '299000', '150', '1993.33', '', 'P2', 'bank ref', 'received', 'R-C5'],
      ['pledge', 'P1', 'DE', '2027-01-10', 'EUR', '1000.00', '0.9215', '1085.19', 'workshops', '', '', 'open', ''],
      ['contribution', 'C1', 'DE', '2027-01-21', 'EUR', '450.00', '0.9215', '488.33', 'workshops', 'P1', 'bank ref', 'received', 'R-C1'],
      ['pledge', 'P3', 'FR', '2027-02-10', 'EUR', '500.00', '0.9', '555.56', 'travel', '', '', 'fulfilled', ''],
      ['contribution', 'C4', 'FR', '2027-03-20', 'EUR', '500.00', '0.8', '625.00', 'travel', 'P3', 'bank ref', 'received', 'R-C4'],
    ]);
  });

  it('filters by year', () => {
    const rows = parseCsv(exportCsv(scenario().entries, { year: 2026 }));
    expect(rows.map((r) => r[1])).toEqual(['id', 'P2', 'C5']);
  });

  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('')).toBe('');
    const l = new TestLedger()
      .pledge({ pledgeId: 'P1', earmark: 'workshops, "Africa"' })
      .report({ contributionId: 'C1', reference: '=HYPERLINK("x")', pledgeId: 'P1' })
      .confirm('C1', '1');
    const rows = parseCsv(exportCsv(l.entries));
    expect(rows[1][8]).toBe('workshops, "Africa"');
    expect(rows[2][10]).toBe('\'=HYPERLINK("x")');
  });

  it('is stable and empty ledgers give just the header', () => {
    expect(exportCsv(scenario().entries)).toBe(exportCsv(scenario().entries));
    expect(exportCsv([])).toBe('type,id,donorId,date,currency,amount,rate,amountUsd,earmark,pledgeId,reference,status,receipt\r\n');
  });
});

describe('exportIati', () => {
  const options = { generatedAt: '2027-04-01T00:00:00Z', reportingOrg: { ref: 'XM-DAC-41114', name: 'UNODC' } };

  it('is well-formed IATI 2.03 with pledges (13) and incoming funds (1) in their own currencies', () => {
    const root = parseXml(exportIati(scenario().entries, options));
    expect(root.name).toBe('iati-activities');
    expect(root.attrs).toEqual({ version: '2.03', 'generated-datetime': '2027-04-01T00:00:00Z' });
    const [activity] = find(root, 'iati-activity');
    expect(find(activity, 'iati-identifier')[0].text).toBe('XM-DAC-41114-ARTICLE-56-ACCOUNT');
    const transactions = find(activity, 'transaction').map((t) => ({
      ref: t.attrs.ref,
      type: find(t, 'transaction-type')[0].attrs.code,
      value: find(t, 'value')[0].attrs,
      amount: find(t, 'value')[0].text,
      provider: find(t, 'provider-org')[0].attrs.ref,
    }));
    expect(transactions).toEqual([
      { ref: 'P2', type: '13', value: { currency: 'JPY', 'value-date': '2026-12-05' }, amount: '300000', provider: 'DE' },
      { ref: 'C5', type: '1', value: { currency: 'JPY', 'value-date': '2026-12-20' }, amount: '299000', provider: 'DE' },
      { ref: 'P1', type: '13', value: { currency: 'EUR', 'value-date': '2027-01-10' }, amount: '1000.00', provider: 'DE' },
      { ref: 'C1', type: '1', value: { currency: 'EUR', 'value-date': '2027-01-21' }, amount: '450.00', provider: 'DE' },
      { ref: 'P3', type: '13', value: { currency: 'EUR', 'value-date': '2027-02-10' }, amount: '500.00', provider: 'FR' },
      { ref: 'C4', type: '1', value: { currency: 'EUR', 'value-date': '2027-03-20' }, amount: '500.00', provider: 'FR' },
    ]);
    expect(IATI_TRANSACTION_TYPE).toEqual({ incomingPledge: '13', incomingCommitment: '11', incomingFunds: '1' });
  });

  it('escapes markup in every text it writes', () => {
    const l = new TestLedger().pledge({ pledgeId: 'P1', earmark: `<b>"Tom & Jerry's"</b>` });
    const xml = exportIati(l.entries, {
      ...options,
      reportingOrg: { ref: 'XM-1', name: 'A & B <org>' },
      donorNames: { DE: 'Germany "DE" & <co>' },
    });
    const root = parseXml(xml);
    const activity = find(root, 'iati-activity')[0];
    expect(find(find(activity, 'reporting-org')[0], 'narrative')[0].text).toBe('A & B <org>');
    const t = find(activity, 'transaction')[0];
    expect(find(find(t, 'description')[0], 'narrative')[0].text).toBe(`Pledge, earmarked: <b>"Tom & Jerry's"</b>`);
    expect(find(find(t, 'provider-org')[0], 'narrative')[0].text).toBe('Germany "DE" & <co>');
    expect(xmlEscape(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
    expect(xmlEscape('a\u0001b\uD800')).toBe('a\uFFFDb\uFFFD');
  });

  it('is byte-identical for the same input, and leaves out cancelled pledges and other years', () => {
    expect(exportIati(scenario().entries, options)).toBe(exportIati(scenario().entries, options));
    const l = scenario().pledge({ pledgeId: 'P9', amount: '1' }).cancel('P9');
    const refs = find(find(parseXml(exportIati(l.entries, { ...options, year: 2027 })), 'iati-activity')[0], 'transaction').map(
      (t) => t.attrs.ref,
    );
    expect(refs).toEqual(['P1', 'C1', 'P3', 'C4']);
    parseXml(exportIati([], options));
  });
});

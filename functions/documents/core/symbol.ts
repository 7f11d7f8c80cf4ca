import * as z from 'zod';

/**
 * A UN document symbol: slash-separated components, the first an organ or series
 * (A, E, CTOC…), later ones sessions, numbers and suffixes (Add.1, Corr.1, Rev.1, L.2,
 * CRP.3, INF). e.g. `A/AC.291/27`, `CTOC/COSP/2027/1`, `A/AC.291/27/Corr.1`.
 */
const COMPONENT = '[A-Za-z0-9](?:[A-Za-z0-9.\\-]*[A-Za-z0-9.])?';
export const SYMBOL_PATTERN = new RegExp(`^[A-Z][A-Z0-9.\\-]*(?:/${COMPONENT})+$`);

export const DocumentSymbol = z
  .string()
  .min(3)
  .max(100)
  .regex(SYMBOL_PATTERN, 'must be a UN document symbol such as CTOC/COSP/2027/1 or A/AC.291/27/Corr.1')
  .meta({ id: 'DocumentSymbol', examples: ['CTOC/COSP/2027/1', 'A/AC.291/27/Corr.1'] });

/** A corrigendum (`<base>/Corr.N`) or a revision (`<base>/Rev.N`) of the document `<base>`. */
export interface Amendment {
  kind: 'corrigendum' | 'revision';
  base: string;
  number: number;
}

const AMENDMENT = /^(.+)\/(Corr|Rev)\.([1-9]\d*)$/;

/** The amendment a symbol names, if its last component is `Corr.N` or `Rev.N`. */
export function amendmentOf(symbol: string): Amendment | undefined {
  const match = AMENDMENT.exec(symbol);
  if (!match) return undefined;
  return { kind: match[2] === 'Corr' ? 'corrigendum' : 'revision', base: match[1], number: Number(match[3]) };
}

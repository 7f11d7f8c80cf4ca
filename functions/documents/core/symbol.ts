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

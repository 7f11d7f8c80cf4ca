import { Conflict } from '../../shared/errors';
import type { DocumentLink, DocumentRecord } from './document';
import type { Language } from './language';
import { amendmentOf } from './symbol';

/** A base can be corrected or revised once it is on the record: published, printing or completed. */
const ON_RECORD: readonly DocumentRecord['status'][] = ['published', 'printing', 'completed'];

export interface AmendmentLink {
  field: 'corrects' | 'revises';
  link: DocumentLink;
  /** The target languages when the submission names none: the base's languages, less the original. */
  defaultTargets: Language[];
}

type Base = Pick<DocumentRecord, 'id' | 'symbol' | 'status' | 'originalLanguage' | 'targetLanguages'>;

/**
 * What a `<base>/Corr.N` or `<base>/Rev.N` submission links to. Refused (409, naming the base)
 * when the base is unknown or not published, or when a corrigendum is in a language the base
 * was never issued in. `undefined` for any other symbol.
 */
export function amendmentLink(
  symbol: string,
  base: Base | undefined,
  languages: { original: Language; targets: readonly Language[] | undefined },
): AmendmentLink | undefined {
  const amendment = amendmentOf(symbol);
  if (!amendment) return undefined;
  const what = amendment.kind === 'corrigendum' ? 'A corrigendum' : 'A revision';
  if (!base) throw new Conflict(`${what} needs its base document ${amendment.base}, which is unknown`);
  if (!ON_RECORD.includes(base.status)) throw new Conflict(`${what} needs its base document ${amendment.base} published; it is ${base.status}`);
  const baseLanguages: Language[] = [base.originalLanguage, ...base.targetLanguages];
  const foreign = [languages.original, ...(languages.targets ?? [])].filter((language) => !baseLanguages.includes(language));
  if (amendment.kind === 'corrigendum' && foreign.length > 0) throw new Conflict(`Document ${amendment.base} was not issued in ${foreign.join(', ')}`);
  return {
    field: amendment.kind === 'corrigendum' ? 'corrects' : 'revises',
    link: { documentId: base.id, symbol: base.symbol },
    defaultTargets: baseLanguages.filter((language) => language !== languages.original),
  };
}

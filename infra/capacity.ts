import type { Node } from 'constructs';
import { LANGUAGES, type Language } from '../functions/documents/core/language';

/**
 * Translation capacity per language service, in words per week, against which the session
 * plan sets its weekly workload. About five translators a language at some 1,650 words a day
 * (the UN's five pages). Context `translationCapacityWordsPerWeek`: one number for every
 * language, or JSON naming some of them, e.g. `-c translationCapacityWordsPerWeek='{"ar":30000}'`.
 */
export const DEFAULT_CAPACITY: Record<Language, number> = { ar: 40_000, zh: 40_000, en: 40_000, fr: 40_000, ru: 40_000, es: 40_000 };

const CONTEXT = 'translationCapacityWordsPerWeek';

export function readTranslationCapacity(node: Node): Record<Language, number> {
  const value: unknown = node.tryGetContext(CONTEXT);
  if (value === undefined) return { ...DEFAULT_CAPACITY };
  const parsed: unknown = typeof value === 'string' && value.trim().startsWith('{') ? JSON.parse(value) : value;
  const given: Record<string, unknown> =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : Object.fromEntries(LANGUAGES.map((language) => [language, parsed]));
  const capacity = { ...DEFAULT_CAPACITY };
  for (const [language, words] of Object.entries(given)) {
    const number = Number(words);
    if (!(LANGUAGES as readonly string[]).includes(language)) throw new Error(`Context ${CONTEXT}: ${language} is not an official language`);
    if (!Number.isInteger(number) || number < 0) throw new Error(`Context ${CONTEXT}: ${language} must be a whole number of words, got ${JSON.stringify(words)}`);
    capacity[language as Language] = number;
  }
  return capacity;
}

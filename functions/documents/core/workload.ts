import * as z from 'zod';
import { LANGUAGES, type Language } from './language';

/** Translation capacity of each language service, in words per week (a deployment setting). */
export const Capacity = z.strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, z.int().min(0).max(10_000_000)])) as Record<Language, z.ZodInt>);
export type Capacity = Record<Language, number>;

/** The ISO 8601 week of a date, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() - weekday + 3);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${String(year)}-W${String(week).padStart(2, '0')}`;
}

/** Words waiting for one language's translators, counted in the week they are due. */
export interface WorkloadEntry {
  language: Language;
  words: number;
  /** A forecast slot's expected submission, an open job's due date. */
  dueOn: string;
}

export interface WeekLoad {
  week: string;
  words: number;
  capacity: number;
  /** More words than the language's capacity that week. */
  over: boolean;
}

/**
 * Sums the work per target language and ISO week. Work already overdue counts in the
 * current week: it is still to be done, now.
 */
export function workload(entries: readonly WorkloadEntry[], capacity: Capacity, today: string): Partial<Record<Language, WeekLoad[]>> {
  const sums = new Map<Language, Map<string, number>>();
  for (const entry of entries) {
    const week = isoWeek(entry.dueOn < today ? today : entry.dueOn);
    const weeks = sums.get(entry.language) ?? new Map<string, number>();
    weeks.set(week, (weeks.get(week) ?? 0) + entry.words);
    sums.set(entry.language, weeks);
  }
  const result: Partial<Record<Language, WeekLoad[]>> = {};
  for (const language of LANGUAGES) {
    const weeks = sums.get(language);
    if (!weeks) continue;
    result[language] = [...weeks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([week, words]) => ({ week, words, capacity: capacity[language], over: words > capacity[language] }));
  }
  return result;
}

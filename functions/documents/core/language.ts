import * as z from 'zod';

/** The six official languages of the United Nations, ISO 639-1. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export const Language = z.enum(LANGUAGES).meta({ id: 'Language', description: 'Official language, ISO 639-1' });
export type Language = z.infer<typeof Language>;

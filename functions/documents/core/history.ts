import * as z from 'zod';
import { Language } from './language';

export const HistoryEvent = z
  .object({
    at: z.string(),
    event: z.string(),
    language: Language.optional(),
    actor: z.string(),
    detail: z.string().optional(),
  })
  .meta({ id: 'HistoryEvent' });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** The workflow's own actions are recorded under this actor. */
export const WORKFLOW_ACTOR = 'workflow';

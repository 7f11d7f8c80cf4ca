import * as z from 'zod';

/** How a slot or a document stands against its deadlines (core/risk.ts decides). */
export const RISKS = ['late', 'at-risk', 'on-track', 'done'] as const;
export const Risk = z.enum(RISKS).meta({ id: 'Risk' });
export type Risk = z.infer<typeof Risk>;

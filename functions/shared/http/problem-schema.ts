import * as z from 'zod';

/**
 * The application/problem+json body, as the OpenAPI document describes it. Apart from
 * problem.ts, which every API function loads (the meta function too, which loads no zod).
 */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    correlationId: z.string().optional().describe('On a 500: the id under which the failure was logged; quote it when reporting'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

/** What request-overhead.ts measures and the benchmarks of each context (account.ts) provide. */

/**
 * One route measured against its floor: `subject` sends the HTTP request through the local
 * adapter, `baseline` issues the calls that request makes, straight against the same embedded
 * DynamoDB and Step Functions endpoints, and says how many of each it made.
 */
export interface OverheadCase {
  name: string;
  routeKey: string;
  /** Routes that create something: judged on their synchronous calls too (at most 4). */
  submission?: boolean;
  /** Makes `count` inputs for each side. */
  prepare(count: number): Promise<void>;
  subject(index: number): Promise<void>;
  baseline(index: number): Promise<{ dynamo: number; sfn: number }>;
  /** A variant of the subject whose calls are counted too (e.g. with an Idempotency-Key). */
  variant?: { name: string; run: (index: number) => Promise<void>; count: number };
}

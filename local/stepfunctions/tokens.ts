import { createHash } from 'node:crypto';
import { canonicalJson, replaceInStrings, type JsonValue } from './json';

/**
 * What `$$.Task.Token` resolves to while the library evaluates Parameters (it is passed in the run's
 * context); the callback override swaps it for the real token before invoking the function.
 */
export const TOKEN_PLACEHOLDER = '__LOCAL_SFN_TASK_TOKEN__';

const TOKEN_PREFIX = 'LSF1-';
const TOKEN_FORMAT = /^LSF1-[A-Za-z0-9_-]{43}$/;

/**
 * Task tokens are deterministic so that a replayed execution meets the same tokens again:
 *   token = "LSF1-" + base64url(sha256(canonical [executionArn, stateName, taskInput, occurrence]))
 * where taskInput is the task's effective input ({FunctionName, Payload}, placeholder left in place:
 * it is a constant) and occurrence counts earlier entries of the same state with an identical input in
 * this run. Counting follows the order in which the run reaches the task, so replay yields the same
 * numbers as long as waits that can repeat (loops, retries, Map items) differ in their payload or
 * happen in a deterministic order, and upstream Lambdas return the same results when re-invoked.
 */
export function deriveToken(executionArn: string, stateName: string, taskInput: JsonValue, occurrence: number): string {
  const digest = createHash('sha256')
    .update(canonicalJson([executionArn, stateName, taskInput, occurrence]))
    .digest('base64url');
  return TOKEN_PREFIX + digest;
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_FORMAT.test(token);
}

export function withToken(payload: JsonValue, token: string): JsonValue {
  return replaceInStrings(payload, TOKEN_PLACEHOLDER, token);
}

/** Counts, per run, how often a state was reached with the same input (see deriveToken). */
export class OccurrenceCounter {
  private readonly counts = new Map<string, number>();

  next(stateName: string, taskInput: JsonValue): number {
    const key = canonicalJson([stateName, taskInput]);
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    return n;
  }
}

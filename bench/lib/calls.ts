import type { FunctionCalls } from './protocol';

export const emptyCalls = (): FunctionCalls => ({ invocations: 0, dynamo: 0, sfn: 0, maxDynamo: 0, maxSfn: 0, maxCalls: 0, ops: {} });

/** Adds one function's counted calls to a total: sums, and the most in one invocation. */
export function addCalls(target: FunctionCalls, add: FunctionCalls): void {
  target.invocations += add.invocations;
  target.dynamo += add.dynamo;
  target.sfn += add.sfn;
  target.maxDynamo = Math.max(target.maxDynamo, add.maxDynamo);
  target.maxSfn = Math.max(target.maxSfn, add.maxSfn);
  target.maxCalls = Math.max(target.maxCalls, add.maxCalls);
  for (const [op, n] of Object.entries(add.ops)) target.ops[op] = (target.ops[op] ?? 0) + n;
}

import { runSimulation } from './run';

/**
 * Quick mode of the fault-injection simulation (`npm run soak` runs the long one): 200 seeded
 * operations through the HTTP API of a stack whose DynamoDB and Step Functions calls fail (12 %
 * of them: throttled, 5xx, timed out, answers lost after the write), killed twice with SIGKILL
 * and restarted on its data. Nothing acknowledged is lost, no money is created or counted
 * twice, receipts stay consecutive, every document agrees with its work.
 */
const SEED = Number(process.env.SEED ?? 20261201);

/*
 * Findings once printed here instead of failed on, each healed by issue 9: a replayed POST
 * /documents after a kill answering 409; a callback on a withdrawn document answering 200; a
 * refusal believed on the SDK's resend; a retried hand-off setting a translated language back to
 * requested; twin completions of a job another call failed while it was reopened, answering 409
 * and 200, and twins refused on work offered again answering 409 and 200 (seed 20261201).
 */

test('a seeded run with faults and SIGKILLs keeps every invariant', async () => {
  const result = await runSimulation({ seed: SEED, operations: 200, faultRate: 0.12, kills: 2 });
  expect({ seed: SEED, violations: result.violations, findings: result.findings }).toEqual({ seed: SEED, violations: [], findings: [] });
  expect(result.kills).toBe(2);
  expect(result.faults.faulted / result.faults.calls).toBeGreaterThan(0.08);
}, 600_000);

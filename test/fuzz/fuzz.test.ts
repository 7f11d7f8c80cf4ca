import { runFuzz } from './run';

/**
 * Quick mode of the contract fuzzing (`npm run soak` runs 1,000 cases per route): requests
 * generated from the served OpenAPI document, for every route and role. None answers ≥ 500,
 * every 4xx is a problem+json, and a refused request stores nothing.
 */
const SEED = Number(process.env.SEED ?? 20261201);

test('generated requests for every route and role: no 5xx, problems for every 4xx, nothing stored when refused', async () => {
  const result = await runFuzz({ seed: SEED, casesPerRoute: 6 });
  expect({ seed: SEED, failures: result.failures }).toEqual({ seed: SEED, failures: [] });
  expect(result.routes.length).toBeGreaterThanOrEqual(35);
  for (const route of result.routes) expect(route.cases).toBe(6);
}, 300_000);

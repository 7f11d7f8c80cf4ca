import { BENCHMARKS, type BenchmarkName, runBenchmarks } from '../../bench';
import type { Figure } from '../../bench/lib/figures';

/**
 * The benchmarks in quick mode (tiny sizes, nothing judged), so they never rot: every figure is
 * produced and well-formed. No time is asserted here; `npm run bench` measures.
 */
const figures: Figure[] = [];

beforeAll(async () => {
  const results = await runBenchmarks({ quick: true, command: 'jest test/bench/quick.test.ts' });
  figures.push(...results.figures);
  expect(results.mode).toBe('quick');
  expect(results.machine.cores).toBeGreaterThan(0);
  expect(results.machine.node).toMatch(/^v\d+/);
}, 300_000);

const wellFormed = (item: Figure) => {
  expect(typeof item.name).toBe('string');
  expect(typeof item.unit).toBe('string');
  expect(Number.isInteger(item.runs)).toBe(true);
  // Nothing is judged in quick mode.
  expect(item.target).toBeNull();
  expect(item.met ?? null).toBeNull();
  if (item.value === null) {
    // A figure without a value says why: a route not built yet, or a bundle that cannot load.
    expect(item.note).toMatch(/^(not available|fails to load)/);
    return;
  }
  expect(Number.isFinite(item.value)).toBe(true);
  expect(item.value).toBeGreaterThanOrEqual(0);
  expect(item.runs).toBeGreaterThan(0);
  if (item.baseline !== null) {
    expect(Number.isFinite(item.baseline)).toBe(true);
    if (item.ratio !== null) expect(item.ratio).toBeGreaterThan(0);
  }
};

const EXPECTED: Record<BenchmarkName, RegExp[]> = {
  'cold-start': [/^cold start: documents load$/, /^cold start: documents bundle$/, /^cold start: largest bundle/],
  'request-overhead': [
    /^POST \/documents: p50 @1$/, /^POST \/documents: p99 @16$/, /^POST \/documents: DynamoDB calls per request$/,
    /^POST \/documents: synchronous calls/, /^POST \/contributions: p50 @1$/,
    /^POST \/translation-jobs\/\{id\}\/complete: p50 @16$/, /^GET \/donors\/\{id\}\/statement: p50 @1$/,
  ],
  pipeline: [/^pipeline: documents per second$/, /^pipeline: state transitions per document$/, /^pipeline: Lambda invocations per document$/, /^pipeline: DynamoDB requests per document$/, /^pipeline: peak RSS of the stack$/],
  'report-scale': [/^report: statement p50$/, /^report: summary p50$/, /^report: statement ledger items read$/],
};

test('every benchmark produces its figures', () => {
  for (const benchmark of Object.keys(BENCHMARKS) as BenchmarkName[]) {
    for (const pattern of EXPECTED[benchmark]) expect(figures.map((item) => item.name)).toContainEqual(expect.stringMatching(pattern));
  }
});

test('every figure is well-formed', () => {
  expect(figures.length).toBeGreaterThan(20);
  figures.forEach(wellFormed);
  expect(new Set(figures.map((item) => item.name)).size).toBe(figures.length);
});

test('every Lambda function of the template has a cold start figure', () => {
  const loads = figures.filter((item) => / load$/.test(item.name));
  expect(loads.length).toBeGreaterThanOrEqual(12);
  for (const load of loads) if (load.value !== null) expect(load.baseline).not.toBeNull();
});

import * as path from 'node:path';
import { BENCHMARKS, type BenchmarkName, runBenchmarks } from '../../bench';
import { STACK_NAME } from '../../local/stack';
import { loadStack } from '../../local/template';
import type { Figure } from '../../bench/lib/figures';

/**
 * The benchmarks in quick mode (tiny sizes, nothing judged), so they never rot: every figure a
 * full run produces is produced, with a finite value. No time is asserted here; `npm run bench`
 * measures.
 */
const figures: Figure[] = [];

beforeAll(async () => {
  const results = await runBenchmarks({ quick: true, command: 'jest test/bench/quick.test.ts' });
  figures.push(...results.figures);
  expect(results.mode).toBe('quick');
  expect(results.machine.cores).toBeGreaterThan(0);
  expect(results.machine.node).toMatch(/^v\d+/);
}, 300_000);

/** The figures of one measured route (request-overhead.ts): latency at both concurrencies and calls per request. */
const routeFigures = (route: string, extra: string[] = []) => [
  ...['p50 @1', 'p99 @1', 'p50 @16', 'p99 @16', 'DynamoDB calls per request', 'Step Functions calls per request'].map((figure) => `${route}: ${figure}`),
  ...extra,
];
const submission = (route: string) => [`${route}: synchronous calls (most in one request)`, `${route} with Idempotency-Key: synchronous calls (most in one request)`];

/** Every figure a full run produces besides the per-function cold starts (those follow the template). */
const EXPECTED: Record<Exclude<BenchmarkName, 'cold-start'>, string[]> = {
  'request-overhead': [
    ...routeFigures('POST /documents', submission('POST /documents')),
    ...routeFigures('POST /contributions', submission('POST /contributions')),
    ...routeFigures('POST /translation-jobs/{id}/complete'),
    ...routeFigures('GET /donors/{id}/statement'),
  ],
  pipeline: [
    'pipeline: documents per second',
    'pipeline: state transitions per document',
    'pipeline: Lambda invocations per document',
    'pipeline: DynamoDB requests per document',
    'pipeline: local Step Functions store requests per document',
    'pipeline: peak RSS of the stack',
  ],
  'report-scale': [
    'report: statement p50',
    'report: summary p50',
    'report: statement ledger items read',
    'report: summary items read',
    'report: Scan requests in request paths',
  ],
};

/** Two cold start figures (load, bundle) for every Lambda function of the synthesized template. */
const coldStartFigures = () =>
  loadStack(path.join(__dirname, '../../cdk.out'), STACK_NAME).functions.flatMap((fn) => {
    const handler = fn.environment.POWERTOOLS_SERVICE_NAME;
    return [`cold start: ${handler} load`, `cold start: ${handler} bundle`];
  });

test('every benchmark produces every figure of a full run, and nothing else', () => {
  expect(Object.keys(BENCHMARKS).sort()).toEqual(['cold-start', ...Object.keys(EXPECTED)].sort());
  const names = figures.map((item) => item.name);
  const largest = names.filter((name) => /^cold start: largest bundle \(.+\)$/.test(name));
  expect(largest).toHaveLength(1);
  const expected = [...coldStartFigures(), ...largest, ...Object.values(EXPECTED).flat()];
  expect([...names].sort()).toEqual([...expected].sort());
});

test('every figure is a finite number, well-formed and not judged', () => {
  for (const item of figures) {
    // The name in the assertion says which figure is missing its value, and why (its note).
    expect({ name: item.name, value: item.value, note: item.note }).toEqual({ name: item.name, value: expect.any(Number), note: item.note });
    expect(Number.isFinite(item.value)).toBe(true);
    expect(item.value).toBeGreaterThanOrEqual(0);
    expect(typeof item.unit).toBe('string');
    expect(Number.isInteger(item.runs)).toBe(true);
    expect(item.runs).toBeGreaterThan(0);
    if (item.baseline !== null) expect(Number.isFinite(item.baseline)).toBe(true);
    if (item.ratio !== null) expect(item.ratio).toBeGreaterThan(0);
    // Nothing is judged in quick mode.
    expect(item.target).toBeNull();
    expect(item.met ?? null).toBeNull();
  }
});

test('every Lambda function of the template has a cold start figure with its baseline', () => {
  const loads = figures.filter((item) => / load$/.test(item.name));
  expect(loads.length).toBeGreaterThanOrEqual(12);
  for (const load of loads) expect(load.baseline).toEqual(expect.any(Number));
});

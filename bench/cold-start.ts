import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { STACK_NAME } from '../local/stack';
import { type FunctionSpec, REGION, loadStack } from '../local/template';
import type { BenchContext } from './lib/context';
import { type Figure, figure, median } from './lib/figures';

const run = promisify(execFile);

/** The options infra/constructs/app-function.ts gives NodejsFunction's esbuild (SDK bundled, no externals). */
export const CDK_BUNDLING = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: true, keepNames: true, sourcemap: false, mainFields: ['module', 'main'] } satisfies BuildOptions;

/** What a fresh process prints: the time to load the bundle (its module scope runs: clients, schemas, config). */
const PROBE = `
const bundle = process.argv[1];
const start = performance.now();
const module = require(bundle);
const loaded = performance.now();
if (typeof module[process.argv[2]] !== 'function') throw new Error('no handler export in ' + bundle);
process.stdout.write(JSON.stringify({ loadMs: loaded - start, sinceStartMs: loaded }));
`;

const SDK_PACKAGE = /node_modules\/(@aws-sdk\/(?:client|lib)-[a-z0-9-]+)\//;

/** The SDK packages each handler's bundle includes, from one esbuild metafile of all the entries. */
async function sdkPackagesOf(root: string, entries: string[], outDir: string): Promise<Map<string, string[]>> {
  const result = await build({ ...CDK_BUNDLING, absWorkingDir: root, entryPoints: entries, outdir: outDir, metafile: true, write: false, logLevel: 'silent' });
  const byEntry = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const packages = new Set<string>();
    for (const input of Object.keys(output.inputs)) {
      const match = SDK_PACKAGE.exec(input);
      if (match) packages.add(match[1]);
    }
    byEntry.set(path.resolve(root, output.entryPoint), [...packages].sort());
  }
  return byEntry;
}

/**
 * The floor for a function: a handler that only imports the SDK clients the function uses and
 * builds them at module scope, bundled with the same esbuild options.
 */
function baselineSource(packages: string[]): string {
  const lines: string[] = [];
  const clients: string[] = [];
  packages.forEach((name, index) => {
    if (name === '@aws-sdk/lib-dynamodb') {
      lines.push(`import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';`);
      lines.push(`import { DynamoDBClient as DocumentBase } from '@aws-sdk/client-dynamodb';`);
      clients.push('DynamoDBDocumentClient.from(new DocumentBase({}))');
    } else {
      lines.push(`import * as sdk${index} from '${name}';`);
      // The package's client class: FooClient, not a ServiceException or a command.
      clients.push(`new (Object.values(sdk${index}).find((value) => typeof value === 'function' && /Client$/.test(value.name)))({})`);
    }
  });
  lines.push(`const clients = [${clients.join(', ')}];`);
  lines.push(`export const handler = async () => ({ statusCode: 200, body: String(clients.length) });`);
  return `${lines.join('\n')}\n`;
}

interface Subject {
  fn: FunctionSpec;
  handler: string;
  packages: string[];
  baseline: string;
  env: NodeJS.ProcessEnv;
}

/** The error a probe process died of, in one line. */
function loadError(error: unknown): string {
  const stderr = String((error as { stderr?: string }).stderr ?? error);
  return /^\w*Error: .*$/m.exec(stderr)?.[0] ?? stderr.split('\n').find((line) => line.trim() && line.length < 300) ?? 'unknown error';
}

async function loadTime(bundle: string, exportName: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { stdout } = await run(process.execPath, ['-e', PROBE, bundle, exportName], { env, maxBuffer: 1024 * 1024 });
  return (JSON.parse(stdout) as { loadMs: number }).loadMs;
}

/**
 * 1. Cold start: for every Lambda function in the synthesized template, the size of its bundle
 * and the median time a fresh `node` process takes to load it, against its SDK-only baseline
 * bundle; subject and baseline processes alternate.
 */
export async function coldStart(ctx: BenchContext): Promise<Figure[]> {
  const model = loadStack(ctx.cdkOut, STACK_NAME);
  const outDir = path.join(ctx.workDir, 'cold-start');
  mkdirSync(outDir, { recursive: true });
  const processes = ctx.quick ? 2 : 20;

  const baselines = new Map<string, string>();
  const subjects: Subject[] = [];
  const entryOf = (fn: FunctionSpec) => path.join(ctx.root, 'functions', 'handlers', `${fn.environment.POWERTOOLS_SERVICE_NAME}.ts`);
  for (const fn of model.functions) {
    if (!fn.environment.POWERTOOLS_SERVICE_NAME || !existsSync(entryOf(fn))) throw new Error(`Cannot find the entry of ${fn.name} (${entryOf(fn)})`);
  }
  const sdk = await sdkPackagesOf(ctx.root, [...new Set(model.functions.map(entryOf))], path.join(outDir, 'probe'));
  for (const fn of model.functions) {
    const handler = fn.environment.POWERTOOLS_SERVICE_NAME;
    const packages = sdk.get(path.resolve(entryOf(fn))) ?? [];
    const key = packages.join('+') || 'none';
    if (!baselines.has(key)) {
      // The entry lives in the project so that esbuild resolves the SDK from its node_modules.
      const source = path.join(outDir, `baseline-${baselines.size}.ts`);
      writeFileSync(source, baselineSource(packages));
      const outfile = path.join(outDir, `baseline-${baselines.size}.js`);
      await build({ ...CDK_BUNDLING, entryPoints: [source], outfile, nodePaths: [path.join(ctx.root, 'node_modules')], logLevel: 'silent' });
      baselines.set(key, outfile);
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...fn.environment,
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    subjects.push({ fn, handler, packages, baseline: baselines.get(key) as string, env });
  }

  // Each round loads every function's bundle and its baseline in two fresh processes started
  // together (one per core), so both meet the same machine; on one core, one after the other.
  const times = new Map<string, { subject: number[]; baseline: number[] }>(subjects.map((s) => [s.fn.name, { subject: [], baseline: [] }]));
  // A bundle that throws while loading would fail its cold start in AWS too: reported, not measured.
  const failures = new Map<string, string>();
  for (let round = 0; round < processes; round++) {
    for (const subject of subjects) {
      if (failures.has(subject.fn.name)) continue;
      const samples = times.get(subject.fn.name) as { subject: number[]; baseline: number[] };
      const own = () => loadTime(subject.fn.bundle, subject.fn.exportName, subject.env);
      const base = () => loadTime(subject.baseline, 'handler', subject.env);
      let ownMs: number;
      let floorMs: number;
      try {
        if (availableParallelism() >= 2) [ownMs, floorMs] = await Promise.all([own(), base()]);
        else if (round % 2) [ownMs, floorMs] = [await own(), await base()];
        else [floorMs, ownMs] = [await base(), await own()];
      } catch (error) {
        failures.set(subject.fn.name, loadError(error));
        continue;
      }
      samples.subject.push(ownMs);
      samples.baseline.push(floorMs);
    }
  }

  const figures: Figure[] = [];
  let largest: { subject: Subject; size: number } | undefined;
  for (const subject of subjects) {
    const samples = times.get(subject.fn.name) as { subject: number[]; baseline: number[] };
    const sdk = subject.packages.map((name) => name.replace('@aws-sdk/', '')).join(', ') || 'no SDK';
    const failure = failures.get(subject.fn.name);
    if (failure) {
      figures.push({
        name: `cold start: ${subject.handler} load`,
        value: null,
        baseline: null,
        ratio: null,
        target: ctx.quick ? null : 1.25,
        unit: 'ms',
        runs: 0,
        met: ctx.quick ? null : false,
        note: `fails to load in a fresh process with the environment the template gives it: ${failure}`,
      });
    } else {
      figures.push(
        figure({
          name: `cold start: ${subject.handler} load`,
          value: median(samples.subject),
          baseline: median(samples.baseline),
          target: ctx.quick ? null : 1.25,
          unit: 'ms',
          runs: processes,
          note: `baseline: ${sdk}`,
        }),
      );
    }
    const size = statSync(subject.fn.bundle).size;
    figures.push(
      figure({ name: `cold start: ${subject.handler} bundle`, value: size / 1024, baseline: statSync(subject.baseline).size / 1024, unit: 'KiB', runs: 1 }),
    );
    if (!largest || size > largest.size) largest = { subject, size };
  }
  if (largest) {
    figures.push(
      figure({
        name: `cold start: largest bundle (${largest.subject.handler})`,
        value: largest.size / 1024,
        baseline: statSync(largest.subject.baseline).size / 1024,
        unit: 'KiB',
        runs: 1,
      }),
    );
  }
  return figures;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { coldStart } from './cold-start';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/figures';
import { pipelineThroughput } from './pipeline';
import { reportScale } from './report-scale';
import { requestOverhead } from './request-overhead';

export const BENCHMARKS = {
  'cold-start': coldStart,
  'request-overhead': requestOverhead,
  pipeline: pipelineThroughput,
  'report-scale': reportScale,
} as const;
export type BenchmarkName = keyof typeof BENCHMARKS;

export interface Results {
  command: string;
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: { cores: number; cpu: string; node: string; platform: string };
  figures: Figure[];
}

export interface RunOptions {
  quick: boolean;
  only?: BenchmarkName[];
  root?: string;
  cdkOut?: string;
  command?: string;
  log?: (message: string) => void;
}

/** Runs the benchmarks one after the other (each on its own stack) and gathers their figures. */
export async function runBenchmarks(options: RunOptions): Promise<Results> {
  const root = options.root ?? path.join(__dirname, '..');
  const workDir = mkdtempSync(path.join(tmpdir(), 'unodc-bench-work-'));
  const log = options.log ?? (() => undefined);
  const ctx: BenchContext = { root, cdkOut: options.cdkOut ?? path.join(root, 'cdk.out'), workDir, quick: options.quick, log };
  const started = Date.now();
  const figures: Figure[] = [];
  try {
    for (const [name, benchmark] of Object.entries(BENCHMARKS) as [BenchmarkName, (ctx: BenchContext) => Promise<Figure[]>][]) {
      if (options.only && !options.only.includes(name)) continue;
      const begun = Date.now();
      log(`${name}...`);
      figures.push(...(await benchmark(ctx)));
      log(`${name}: ${((Date.now() - begun) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return {
    command: options.command ?? 'npm run bench',
    mode: options.quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` },
    figures,
  };
}

import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS, type BenchmarkName, type Results, runBenchmarks } from './index';
import { markdownTable, textTable } from './lib/figures';

/**
 * `npm run bench` (after `cdk synth`): every benchmark against the embedded stack; prints one
 * table, writes bench/results.json and bench/RESULTS.md.
 *   --quick            tiny sizes, nothing judged (what `npm test` runs)
 *   --only a,b         some of: cold-start, request-overhead, pipeline, report-scale
 *   --out <dir>        where results.json and RESULTS.md go (default bench/)
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
const only = values.only?.split(',').map((name) => name.trim()) as BenchmarkName[] | undefined;
for (const name of only ?? []) if (!(name in BENCHMARKS)) throw new Error(`No benchmark ${name}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
const outDir = path.resolve(values.out ?? path.join(__dirname));
const command = ['npm run bench', ...(values.quick || only ? ['--'] : []), ...(values.quick ? ['--quick'] : []), ...(only ? [`--only ${only.join(',')}`] : [])].join(' ');

function markdown(results: Results): string {
  const notes = results.figures.filter((item) => item.note).map((item) => `- **${item.name}**: ${item.note ?? ''}`);
  const judged = results.figures.filter((item) => item.met !== null && item.met !== undefined);
  const missed = judged.filter((item) => !item.met);
  return [
    '# Benchmark results',
    '',
    `Produced by \`${results.command}\` on ${results.startedAt.slice(0, 10)} (${results.mode} run, ${results.durationSeconds} s): ` +
      `${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}, ${results.machine.platform}.`,
    '',
    'ratio = cost over floor (1.0 is the floor, lower is better): a time over its baseline time, or the baseline\'s throughput over the achieved throughput. ' +
      'target = the largest ratio allowed; a limit bounds the value itself. Values are medians (or the named percentile) of `runs` measurements; ' +
      'baseline and subject were measured alternately in the same run. bench/README.md says how each figure is measured.',
    '',
    `Targets met: ${judged.length - missed.length} of ${judged.length}${missed.length ? ` (missed: ${missed.map((item) => item.name).join('; ')})` : ''}.`,
    '',
    markdownTable(results.figures),
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const results = await runBenchmarks({ quick: values.quick, only, command, log: (message) => console.error(message) });
  console.log(textTable(results.figures));
  const judged = results.figures.filter((item) => item.met !== null && item.met !== undefined);
  console.log(`\n${judged.filter((item) => item.met).length}/${judged.length} targets met; ${results.durationSeconds} s; ${results.machine.cores} cores, Node ${results.machine.node}`);
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'RESULTS.md'), markdown(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

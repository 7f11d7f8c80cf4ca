import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runSimulation } from './run';

/**
 * `npm run soak`: the long simulation (SIM_OPERATIONS, default 10,000, with FAULT_RATE, default
 * 0.12, of the calls faulted and SIM_KILLS SIGKILLs) and the contract fuzzing (FUZZ_CASES per
 * route, default 1,000); figures to soak/results.json and soak/RESULTS.md, and printed.
 * `SEED=<n> npm run soak` replays a seed. `SOAK_ONLY=sim|fuzz` runs one of the two and keeps
 * the other's figures of the same seed in the files, so the two can run side by side.
 */
const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
const operations = Number(process.env.SIM_OPERATIONS ?? 10_000);
const faultRate = Number(process.env.FAULT_RATE ?? 0.12);
const kills = Number(process.env.SIM_KILLS ?? Math.max(1, Math.round(operations / 1000)));
const fuzzCases = Number(process.env.FUZZ_CASES ?? 1000);
const only = process.env.SOAK_ONLY; // 'sim' or 'fuzz'

async function main(): Promise<void> {
  const out = path.join(__dirname, '..', '..', 'soak');
  mkdirSync(out, { recursive: true });
  const report: Record<string, unknown> = { seed, startedAt: new Date().toISOString() };
  let failed = false;
  if (only !== 'fuzz') {
    console.log(`simulation: seed ${seed}, ${operations} operations, fault rate ${faultRate}, ${kills} kills`);
    const sim = await runSimulation({ seed, operations, faultRate, kills, log: (line) => console.log(line) });
    report.simulation = sim;
    failed ||= sim.violations.length > 0 || sim.findings.length > 0;
    console.log(JSON.stringify({ ...sim, serverErrorSamples: sim.serverErrorSamples.slice(0, 5) }, null, 2));
  }
  if (only !== 'sim') {
    const { runFuzz } = await import('../fuzz/run');
    console.log(`fuzzing: seed ${seed}, ${fuzzCases} cases per route`);
    const fuzz = await runFuzz({ seed, casesPerRoute: fuzzCases, log: (line) => console.log(line) });
    report.fuzz = fuzz;
    failed ||= fuzz.failures.length > 0;
    console.log(JSON.stringify({ ...fuzz, failures: fuzz.failures.slice(0, 20) }, null, 2));
  }
  // Read only now: a side-by-side run of the other part may have finished meanwhile.
  const earlier = path.join(out, 'results.json');
  if (only && existsSync(earlier)) {
    const kept = JSON.parse(readFileSync(earlier, 'utf8')) as Record<string, unknown>;
    const other = only === 'sim' ? 'fuzz' : 'simulation';
    if (kept.seed === seed && kept[other]) report[other] = kept[other];
  }
  writeFileSync(earlier, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(out, 'RESULTS.md'), markdown(report));
  if (failed) console.log(`FAILED: replay with SEED=${seed} npm run soak`);
  process.exit(failed ? 1 : 0);
}

function markdown(report: Record<string, unknown>): string {
  const lines = [`# Soak results`, '', `Seed ${String(report.seed)}, started ${String(report.startedAt)}. Replay: \`SEED=${String(report.seed)} npm run soak\`.`, ''];
  const sim = report.simulation as Awaited<ReturnType<typeof runSimulation>> | undefined;
  if (sim) {
    lines.push('## Simulation', '', '| figure | value |', '| --- | --- |',
      `| operations | ${sim.operations} |`, `| HTTP requests (retries included) | ${sim.requests} |`, `| client retries | ${sim.retries} |`,
      `| AWS calls through the fault layer | ${sim.faults.calls} |`, `| faulted | ${sim.faults.faulted} (${((100 * sim.faults.faulted) / Math.max(1, sim.faults.calls)).toFixed(1)} %) |`,
      `| by kind | ${Object.entries(sim.faults.byKind).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
      `| webhook deliveries (faulted) | ${sim.webhook.deliveries} (${sim.webhook.faulted}) |`,
      `| SIGKILLs | ${sim.kills} |`, `| documents / withdrawn / contributions / pledges | ${sim.model.documents} / ${sim.model.withdrawn} / ${sim.model.contributions} / ${sim.model.pledges} |`,
      `| invariant violations | ${sim.violations.length} |`, `| findings | ${sim.findings.length} |`, `| orphans (reconciler ${sim.reconciler ? 'present' : 'absent'}) | ${sim.orphans.length} |`, `| seconds | ${sim.seconds} |`, '');
    for (const violation of sim.violations.slice(0, 30)) lines.push(`- violation: ${violation}`);
    for (const finding of sim.findings.slice(0, 30)) lines.push(`- finding: ${finding.operation}: ${finding.symptom}`);
    for (const orphan of sim.orphans.slice(0, 30)) lines.push(`- orphan: ${orphan}`);
    lines.push('');
  }
  const fuzz = report.fuzz as { routes: { route: string; cases: number; status5xx: number }[]; cases: number; failures: string[]; seconds: number } | undefined;
  if (fuzz) {
    lines.push('## Fuzzing from the contract', '', `${fuzz.cases} cases, ${fuzz.failures.length} failures, ${fuzz.seconds} s.`, '', '| route | cases | ≥ 500 |', '| --- | --- | --- |');
    for (const route of fuzz.routes) lines.push(`| \`${route.route}\` | ${route.cases} | ${route.status5xx} |`);
    lines.push('');
    for (const failure of fuzz.failures.slice(0, 30)) lines.push(`- ${failure}`);
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`FAILED: replay with SEED=${seed} npm run soak`);
  process.exit(1);
});

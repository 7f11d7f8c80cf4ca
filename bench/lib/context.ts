/** What every benchmark gets: where things are, and how big to go. */
export interface BenchContext {
  root: string;
  cdkOut: string;
  /** Scratch space for this run (baseline bundles, stack data). */
  workDir: string;
  /** Tiny sizes, nothing judged: for `npm test`, so the benchmarks never rot. */
  quick: boolean;
  log: (message: string) => void;
}

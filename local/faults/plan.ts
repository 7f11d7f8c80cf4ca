/**
 * What the fault layer does to each call, decided by a seed: the same seed and the same order
 * of calls give the same faults. `FAULTS=<seed>:<rate>` (e.g. `FAULTS=42:0.1`) turns it on for
 * the embedded stack; without it no call is touched.
 */
export const FAULT_KINDS = ['throttle', 'internal', 'timeout', 'lost-response'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  seed: number;
  /** Share of calls faulted, 0 to 1. */
  rate: number;
  /** How long a timed-out call is held before its socket is dropped. */
  holdMs: number;
}

/** `seed:rate[:holdMs]`; undefined when faults are off (no value, `off`, `0`). */
export function parseFaults(text: string | undefined): FaultSpec | undefined {
  if (!text || text === 'off' || text === '0') return undefined;
  const match = /^(\d{1,15}):(0(?:\.\d+)?|1(?:\.0+)?)(?::(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new Error(`FAULTS must be <seed>:<rate>[:<holdMs>] with rate in [0, 1], e.g. 42:0.1; got ${text}`);
  return { seed: Number(match[1]), rate: Number(match[2]), holdMs: match[3] ? Number(match[3]) : 250 };
}

/** mulberry32: a small seeded generator, good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number for a name, so that each service draws from a sequence of its own. */
export function hashName(name: string): number {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

export interface FaultCounts {
  calls: number;
  faulted: number;
  byKind: Record<FaultKind, number>;
}

/** The faults of one service: a draw per call, and the counts of what was drawn. */
export class FaultPlan {
  private readonly random: () => number;
  readonly counts: FaultCounts = { calls: 0, faulted: 0, byKind: { throttle: 0, internal: 0, timeout: 0, 'lost-response': 0 } };

  constructor(
    readonly spec: FaultSpec,
    service: string,
  ) {
    this.random = seededRandom(spec.seed ^ hashName(service));
  }

  next(): FaultKind | undefined {
    this.counts.calls += 1;
    const roll = this.random();
    const kind = FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)];
    if (roll >= this.spec.rate) return undefined;
    this.counts.faulted += 1;
    this.counts.byKind[kind] += 1;
    return kind;
  }
}

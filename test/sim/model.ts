/**
 * The simulation's own account of what the API acknowledged, kept apart from the stack: what
 * a client was told (2xx) is what must be in the data; money in minor units, valued in USD by
 * the rates the workload set itself.
 */
export const SIM_DONORS = ['SIM-A', 'SIM-B', 'SIM-C'] as const;
/** EUR per USD in every month of the simulated year: a EUR amount is worth exactly twice as many USD. */
export const EUR_RATE = '0.5000';
export const CURRENCIES = ['USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const usdCents = (cents: number, currency: Currency) => (currency === 'EUR' ? cents * 2 : cents);
export const money = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
export const cents = (text: string) => {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
};

export interface DocumentModel {
  id: string;
  targets: string[];
  printRun?: number;
  withdrawn: boolean;
}

export interface ContributionModel {
  id: string;
  donorId: string;
  currency: Currency;
  amount: number;
  confirmed?: { received: number; receivedOn: string };
  rejected: boolean;
  /** Acknowledged adjustments, in order (deltas in the currency's cents, or a reversal). */
  adjustments: ({ delta: number } | { reverse: true })[];
  /** An adjustment is on its way: no other is started on it. */
  busy: boolean;
  /** A decision on it never got a definite answer: the data decides which one held. */
  uncertain: boolean;
}

export interface PledgeModel {
  id: string;
  donorId: string;
  currency: Currency;
  amount: number;
}

/** The contribution's received value as the acknowledged calls make it, in its currency's cents. */
export function receivedCents(contribution: ContributionModel): number {
  if (!contribution.confirmed || contribution.rejected) return 0;
  let value = contribution.confirmed.received;
  for (const adjustment of contribution.adjustments) value = 'reverse' in adjustment ? 0 : value + adjustment.delta;
  return value;
}

export class SimModel {
  readonly documents = new Map<string, DocumentModel>();
  readonly contributions = new Map<string, ContributionModel>();
  readonly pledges = new Map<string, PledgeModel>();
  /** Jobs seen open, by id: their document. */
  readonly jobsSeen = new Map<string, string>();
  /** Callbacks that answered 2xx: what the data must show for them. */
  readonly completedJobs = new Map<string, string>();
  readonly decidedTasks = new Map<string, string>();
  readonly completedPrintJobs = new Set<string>();
  /** Jobs a completion was ever attempted on (whatever the answer). */
  readonly attemptedJobs = new Set<string>();
  /** Creations that never got a definite answer: their USD value may or may not count. */
  readonly uncertainPledgedUsd: number[] = [];
  /** Contradictions seen in the answers themselves (e.g. a confirmation and a rejection of one contribution both 200). */
  readonly contradictions: string[] = [];
}

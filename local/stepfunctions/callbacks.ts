import { SfnError } from './errors';
import { sameJson, tryParseJson } from './json';
import type { StateStore, TokenOutcome, TokenRecord } from './store';
import { scheduleAt } from './timers';
import { isWellFormedToken } from './tokens';

/** The earliest deadline of a waiting token and the error it raises when it passes. */
export function nextDeadline(record: TokenRecord): { at: number; error: string } | undefined {
  const candidates: { at: number; error: string }[] = [];
  if (record.timeoutSeconds !== undefined) {
    candidates.push({ at: record.createdAt + record.timeoutSeconds * 1000, error: 'States.Timeout' });
  }
  if (record.heartbeatSeconds !== undefined) {
    candidates.push({ at: record.lastHeartbeat + record.heartbeatSeconds * 1000, error: 'States.HeartbeatTimeout' });
  }
  return candidates.sort((a, b) => a.at - b.at)[0];
}

export function outcomeOf(record: TokenRecord): TokenOutcome | undefined {
  if (record.status === 'WAITING') return undefined;
  if (record.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: record.output ?? 'null' };
  return { status: record.status, error: record.error ?? 'States.TaskFailed', cause: record.cause };
}

function sameOutcome(a: TokenOutcome, b: TokenOutcome): boolean {
  if (a.status === 'SUCCEEDED' || b.status === 'SUCCEEDED') {
    return a.status === b.status && 'output' in a && 'output' in b && sameJson(a.output, b.output);
  }
  return a.status === b.status && a.error === b.error && (a.cause ?? '') === (b.cause ?? '');
}

/** An in-memory wait for one token's outcome, with its heartbeat/timeout timer. */
export class TokenWaiter {
  settled = false;
  readonly outcome: Promise<TokenOutcome>;
  private resolve!: (outcome: TokenOutcome) => void;
  private cancelTimer?: () => void;
  private record?: TokenRecord;

  constructor(
    readonly token: string,
    private readonly registry: CallbackRegistry,
  ) {
    this.outcome = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** (Re)arms the timer from the stored times of `record`: a deadline already past fires at once. */
  arm(record: TokenRecord): void {
    if (this.settled) return;
    this.record = record;
    this.cancelTimer?.();
    const deadline = nextDeadline(record);
    if (!deadline) return;
    this.cancelTimer = scheduleAt(deadline.at, this.registry.nowMs, () => {
      void this.registry.expire(record).catch(() => undefined);
    });
  }

  heartbeat(at: number): void {
    if (this.record) this.arm({ ...this.record, lastHeartbeat: at });
  }

  settle(outcome: TokenOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.cancelTimer?.();
    this.resolve(outcome);
  }

  /** Stops waiting without an outcome (execution ended or engine stopped): the promise never settles. */
  cancel(): void {
    this.settled = true;
    this.cancelTimer?.();
    this.registry.forget(this);
  }
}

/**
 * Task tokens: SendTaskSuccess/Failure/Heartbeat and the timers. Outcomes are persisted (conditional
 * write, first wins) before any in-memory waiter is resolved, so an acknowledged callback survives a
 * crash; a replayed execution then finds it on the token.
 */
export class CallbackRegistry {
  private readonly waiters = new Map<string, TokenWaiter>();
  readonly nowMs: () => number;

  constructor(
    private readonly store: StateStore,
    now: () => Date,
  ) {
    this.nowMs = () => now().getTime();
  }

  /** Registers a waiter before the token is read, so a callback landing in between is not missed. */
  open(token: string): TokenWaiter {
    this.waiters.get(token)?.cancel();
    const waiter = new TokenWaiter(token, this);
    this.waiters.set(token, waiter);
    return waiter;
  }

  forget(waiter: TokenWaiter): void {
    if (this.waiters.get(waiter.token) === waiter) this.waiters.delete(waiter.token);
  }

  private deliver(token: string, outcome: TokenOutcome): void {
    const waiter = this.waiters.get(token);
    if (!waiter) return;
    this.waiters.delete(token);
    waiter.settle(outcome);
  }

  /** Closes a token with `outcome` unless it already has one; delivers and returns the winning outcome. */
  async close(record: TokenRecord, outcome: TokenOutcome, expectedHeartbeat?: number): Promise<TokenOutcome | undefined> {
    if (await this.store.closeToken(record.token, outcome, this.nowMs(), expectedHeartbeat)) {
      this.deliver(record.token, outcome);
      return outcome;
    }
    const fresh = await this.store.getToken(record.token);
    const stored = fresh && outcomeOf(fresh);
    if (stored) this.deliver(record.token, stored);
    else if (fresh) this.waiters.get(record.token)?.arm(fresh); // a heartbeat moved the deadline
    return stored;
  }

  /** Timer path: time the token out if its deadline (from stored times) has passed. */
  async expire(record: TokenRecord): Promise<TokenOutcome | undefined> {
    const deadline = nextDeadline(record);
    if (!deadline || deadline.at > this.nowMs()) return undefined;
    return this.close(record, { status: 'TIMED_OUT', error: deadline.error }, record.lastHeartbeat);
  }

  async sendSuccess(token: unknown, output: unknown): Promise<void> {
    if (typeof output !== 'string' || !tryParseJson(output)) throw new SfnError('InvalidOutput', 'Invalid output: not a JSON document');
    await this.complete(token, { status: 'SUCCEEDED', output });
  }

  async sendFailure(token: unknown, error: unknown, cause: unknown): Promise<void> {
    const err = typeof error === 'string' ? error : '';
    const outcome: TokenOutcome = { status: 'FAILED', error: err, cause: typeof cause === 'string' ? cause : undefined };
    await this.complete(token, outcome);
  }

  async sendHeartbeat(token: unknown): Promise<void> {
    const record = await this.openRecord(token);
    const at = this.nowMs();
    if (!(await this.store.heartbeatToken(record.token, at))) throw timedOut();
    this.waiters.get(record.token)?.heartbeat(at);
  }

  private async complete(token: unknown, outcome: TokenOutcome): Promise<void> {
    let record: TokenRecord;
    try {
      record = await this.openRecord(token);
    } catch (error) {
      // A repeated identical callback on an already completed token is accepted silently.
      if (error instanceof SfnError && error.code === 'TaskTimedOut' && (await this.isSameOutcome(token, outcome))) return;
      throw error;
    }
    const winner = await this.close(record, outcome);
    if (!winner || !sameOutcome(winner, outcome)) throw timedOut();
  }

  private async isSameOutcome(token: unknown, outcome: TokenOutcome): Promise<boolean> {
    const record = isWellFormedToken(token) ? await this.store.getToken(token) : undefined;
    const stored = record && outcomeOf(record);
    return !!stored && sameOutcome(stored, outcome);
  }

  /** Loads a token that can still receive a callback, or throws the AWS error for it. */
  private async openRecord(token: unknown): Promise<TokenRecord> {
    if (typeof token !== 'string' || token.length === 0) throw new SfnError('ValidationException', 'taskToken is required');
    if (!isWellFormedToken(token)) throw new SfnError('InvalidToken', 'Invalid Token');
    const record = await this.store.getToken(token);
    if (!record) throw new SfnError('TaskDoesNotExist', 'Task does not exist anymore');
    if (record.status !== 'WAITING') throw timedOut();
    const execution = await this.store.getExecution(record.executionArn);
    if (execution?.status !== 'RUNNING') throw timedOut();
    // A deadline that passed (possibly while the stack was down) closes the token now.
    if (await this.expire(record)) throw timedOut();
    return record;
  }
}

function timedOut(): SfnError {
  return new SfnError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
}

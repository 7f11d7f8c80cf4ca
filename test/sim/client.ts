/**
 * A client of the HTTP API as a real one behaves: on a 5xx, a dropped connection or no answer
 * in time it asks again with the same Idempotency-Key, and it waits for the stack to come back
 * when it is down. It keeps every answer it finally got.
 */
export interface Answer {
  status: number;
  body: unknown;
  contentType: string;
}

/** The last answer after retries, or `lost` when none came (the stack never answered in time). */
export type Outcome = Answer | { status: 'lost'; body?: undefined; contentType?: undefined };

export interface CallOptions {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
}

export interface ClientCounts {
  requests: number;
  retries: number;
  serverErrors: number;
  networkErrors: number;
  lost: number;
}

const RETRYABLE = (status: number) => status >= 500 || status === 429;

export class SimClient {
  readonly counts: ClientCounts = { requests: 0, retries: 0, serverErrors: 0, networkErrors: 0, lost: 0 };
  /** Every answer ≥ 500 a request got on its first or a later try, for the report. */
  readonly serverErrorSamples: string[] = [];
  private base = '';
  private up: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  constructor(
    private readonly attempts = 12,
    private readonly timeoutMs = 20_000,
  ) {}

  /** Requests wait until `online` names the stack's URL again. */
  offline(): void {
    this.up = new Promise((resolve) => (this.release = resolve));
  }

  online(url: string): void {
    this.base = url;
    this.release();
  }

  async call(method: string, route: string, options: CallOptions = {}): Promise<Outcome> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    let last: Outcome = { status: 'lost' };
    let waits = 0;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) {
        this.counts.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
      }
      await this.up;
      this.counts.requests += 1;
      try {
        const response = await fetch(`${this.base}${route}`, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
        const text = await response.text();
        const contentType = response.headers.get('content-type') ?? '';
        const parsed: unknown = /json/.test(contentType) && text ? JSON.parse(text) : text;
        last = { status: response.status, body: parsed, contentType };
        // A replay while the first attempt still runs (or was cut off by a crash) is told to retry later.
        // (until the interrupted attempt's in-progress record expires: a longer wait than for a 5xx).
        if (response.status === 409 && /still being processed/.test(text) && waits++ < 30) {
          attempt -= 1;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        if (!RETRYABLE(response.status)) return last;
        this.counts.serverErrors += 1;
        if (this.serverErrorSamples.length < 50) this.serverErrorSamples.push(`${method} ${route} → ${response.status} ${text.slice(0, 300)}`);
      } catch {
        this.counts.networkErrors += 1;
      }
    }
    if (last.status === 'lost') this.counts.lost += 1;
    return last;
  }
}

export const ok = (outcome: Outcome): boolean => typeof outcome.status === 'number' && outcome.status >= 200 && outcome.status < 300;

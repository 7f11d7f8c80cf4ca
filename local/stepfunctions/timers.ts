/** Node's setTimeout silently turns delays above 2^31-1 ms into 1 ms, so long waits are re-armed in chunks. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `fn` once `now()` has reached `deadlineMs` (at once if it already has). Each wake-up re-reads
 * the clock, so an injected clock that jumps ahead is noticed at the next chunk. Returns a canceller.
 */
export function scheduleAt(deadlineMs: number, now: () => number, fn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = (): void => {
    if (cancelled) return;
    const remaining = deadlineMs - now();
    if (remaining <= 0) {
      timer = setTimeout(() => {
        if (!cancelled) fn();
      }, 0);
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, MAX_DELAY_MS));
  };
  arm();
  return () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
  };
}

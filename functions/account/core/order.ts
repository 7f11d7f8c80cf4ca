/** Deterministic ordering (code-point order, never locale-dependent), so reports are byte-stable. */

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts a copy by the given string keys, in order; ties keep their input order. */
export function sortBy<T>(items: readonly T[], ...keys: ((item: T) => string)[]): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const c = compareText(key(x), key(y));
      if (c !== 0) return c;
    }
    return 0;
  });
}

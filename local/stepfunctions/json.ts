import type { RunOptions } from 'aws-local-stepfunctions';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
/** The library's JSON value type (not exported by name, so derived from its override signature). */
export type JsonValue = Parameters<TaskHandlers[string]>[0];
export type JsonObject = { [key: string]: JsonValue };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted recursively: equal values always give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Parses a JSON document, or returns undefined when it is not valid JSON. */
export function tryParseJson(text: string): { value: JsonValue } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return undefined;
  }
}

export function sameJson(a: string, b: string): boolean {
  const pa = tryParseJson(a);
  const pb = tryParseJson(b);
  if (!pa || !pb) return a === b;
  return canonicalJson(pa.value) === canonicalJson(pb.value);
}

/** Replaces `search` inside every string of a JSON value (object keys are left alone). */
export function replaceInStrings<T>(value: T, search: string, replacement: string): T {
  if (typeof value === 'string') return value.split(search).join(replacement) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceInStrings(v, search, replacement)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceInStrings(v, search, replacement);
    return out as T;
  }
  return value;
}

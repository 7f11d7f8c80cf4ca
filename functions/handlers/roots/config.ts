import type { EnvName } from '../../shared/env-names';

/** Reads a required environment variable once, at cold start: a missing one is a deployment bug. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/** An optional setting: empty means "not configured". */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function requireIntEnv(name: string): number {
  const text = requireEnv(name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a non-negative integer, got "${text}"`);
  }
  return value;
}

/** How one setting is read: a required text, an optional text, or a non-negative integer. */
export type Setting =
  | { kind: 'required'; name: EnvName }
  | { kind: 'optional'; name: EnvName }
  | { kind: 'int'; name: EnvName };

export const required = (name: EnvName) => ({ kind: 'required', name }) as const;
export const optional = (name: EnvName) => ({ kind: 'optional', name }) as const;
export const integer = (name: EnvName) => ({ kind: 'int', name }) as const;

type Value<S extends Setting> = S['kind'] extends 'int' ? number : S['kind'] extends 'optional' ? string | undefined : string;
export type Config<S extends Record<string, Setting>> = { readonly [K in keyof S]: Value<S[K]> };

/**
 * A handler's whole configuration, read once at cold start: every missing or malformed
 * variable fails the cold start at once, before any request is served.
 */
export function readConfig<S extends Record<string, Setting>>(settings: S): Config<S> {
  const read = (setting: Setting) =>
    setting.kind === 'int' ? requireIntEnv(setting.name) : setting.kind === 'optional' ? optionalEnv(setting.name) : requireEnv(setting.name);
  return Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, read(setting)])) as Config<S>;
}

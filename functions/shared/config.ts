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

import { randomInt } from 'node:crypto';
import type { SecretGeneration } from '../template';

// The character classes of Secrets Manager's GetRandomPassword / GenerateSecretString.
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = LOWERCASE.toUpperCase();
const NUMBERS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A random value as Secrets Manager would generate it (crypto-random, each included class present by default). */
export function generateSecretString(spec: SecretGeneration): string {
  const length = spec.PasswordLength ?? 32;
  const excluded = new Set(spec.ExcludeCharacters ?? '');
  const classes = [
    spec.ExcludeLowercase ? '' : LOWERCASE,
    spec.ExcludeUppercase ? '' : UPPERCASE,
    spec.ExcludeNumbers ? '' : NUMBERS,
    spec.ExcludePunctuation ? '' : PUNCTUATION,
    spec.IncludeSpace ? ' ' : '',
  ]
    .map((chars) => Array.from(chars).filter((char) => !excluded.has(char)).join(''))
    .filter((chars) => chars.length > 0);
  const alphabet = classes.join('');
  if (alphabet.length === 0 || length < 1 || length > 4096) throw new Error('GenerateSecretString leaves no characters to generate from');
  const requireEach = (spec.RequireEachIncludedType ?? true) && length >= classes.length;
  let password: string;
  do {
    password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
  } while (requireEach && !classes.every((chars) => Array.from(password).some((char) => chars.includes(char))));
  if (spec.SecretStringTemplate === undefined || spec.GenerateStringKey === undefined) return password;
  return JSON.stringify({ ...(JSON.parse(spec.SecretStringTemplate) as Record<string, unknown>), [spec.GenerateStringKey]: password });
}

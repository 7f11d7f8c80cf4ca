import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';

// One provider per container: it keeps each value for the maxAge a caller asks for, so a new
// value (put-secret-value) is read at most that long after. The endpoint comes from the
// standard SDK configuration (AWS_ENDPOINT_URL_SECRETS_MANAGER locally).
const provider = new SecretsProvider();

/** A secret's current string value, or why there is none to use. */
export type SecretString = { value: string } | { problem: string };

const causeName = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.name : 'UnknownError';
};

/**
 * Reads the AWSCURRENT string of a secret (by ARN), cached for `maxAgeSeconds`. A secret that
 * does not exist, has no current value, or holds only blanks or binary is "no value"; the
 * problem names the failure, never the value.
 */
export async function currentSecretString(secretId: string, maxAgeSeconds: number): Promise<SecretString> {
  try {
    const value = await provider.get(secretId, { maxAge: maxAgeSeconds });
    if (typeof value !== 'string' || value.trim() === '') return { problem: 'the secret has no string value' };
    return { value };
  } catch (error) {
    const name = causeName(error);
    return { problem: name === 'ResourceNotFoundException' ? 'the secret or its current value does not exist' : `the secret could not be read (${name})` };
  }
}

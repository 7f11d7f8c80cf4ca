import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { currentSecretString } from '../../../functions/shared/aws/secrets';
import { secretArn } from '../../../local/intrinsics';
import { type SecretsManagerServer, startSecretsManagerServer } from '../../../local/secrets-manager/server';

/**
 * How a function reads a secret (Powertools Parameters against the embedded Secrets Manager):
 * a value is kept for the max age asked for, so a rotation reaches the function that late at most.
 */
const SECRET = { name: 'Key', arn: secretArn('Key'), secretString: 'first value' };
let server: SecretsManagerServer;
let operator: SecretsManagerClient;

beforeAll(async () => {
  server = await startSecretsManagerServer({ dir: mkdtempSync(path.join(tmpdir(), 'unodc-secrets-')), secrets: [SECRET], port: 0 });
  // The standard SDK configuration, as the embedded stack gives a function: the client reads it at its first call.
  Object.assign(process.env, { AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  operator = new SecretsManagerClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  operator.destroy();
  await server.close();
});
afterEach(() => jest.restoreAllMocks());

test('a rotated value is read once the one read before is older than the max age', async () => {
  expect(await currentSecretString(SECRET.arn, 300)).toEqual({ value: 'first value' });
  await operator.send(new PutSecretValueCommand({ SecretId: SECRET.arn, SecretString: 'second value' }));
  expect(await currentSecretString(SECRET.arn, 300)).toEqual({ value: 'first value' });
  const later = Date.now() + 301_000;
  jest.spyOn(Date, 'now').mockReturnValue(later);
  expect(await currentSecretString(SECRET.arn, 300)).toEqual({ value: 'second value' });
});

test('no secret, no current value, or only blanks: a problem that names no value', async () => {
  const { ARN } = await operator.send(new CreateSecretCommand({ Name: 'created-without-value' }));
  expect(await currentSecretString(String(ARN), 1)).toEqual({ problem: 'the secret or its current value does not exist' });
  expect(await currentSecretString(secretArn('Unknown'), 1)).toEqual({ problem: 'the secret or its current value does not exist' });
  await operator.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: '  ' }));
  expect(await currentSecretString(String(ARN), 1)).toEqual({ problem: 'the secret has no string value' });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { secretArn } from '../../local/intrinsics';
import { generateSecretString } from '../../local/secrets-manager/generate';
import { type SecretsManagerServer, startSecretsManagerServer } from '../../local/secrets-manager/server';
import type { SecretSpec } from '../../local/template';

/**
 * The embedded Secrets Manager, spoken to with @aws-sdk/client-secrets-manager as an operator
 * or a function would, and restarted on the same directory as the embedded stack restarts.
 */
const TEMPLATE_SECRET: SecretSpec = { name: 'SigningSecret', arn: secretArn('SigningSecret'), description: 'signs', generate: { PasswordLength: 64, ExcludePunctuation: true } };
const SECRET_ARN_PARAMETER = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6})?$/;

let dir: string;
let server: SecretsManagerServer;
let client: SecretsManagerClient;

async function start(): Promise<void> {
  server = await startSecretsManagerServer({ dir, secrets: [TEMPLATE_SECRET], port: 0 });
  client = new SecretsManagerClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}
async function restart(): Promise<void> {
  client.destroy();
  await server.close();
  await start();
}
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => ({ name: (error as Error).name, message: (error as Error).message }));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'unodc-secrets-'));
  await start();
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

describe('a template secret', () => {
  test('gets a generated value on first start, found by ARN, by name and by partial ARN, and keeps it across restarts', async () => {
    const value = await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn }));
    expect(value).toMatchObject({ ARN: TEMPLATE_SECRET.arn, Name: 'SigningSecret', VersionStages: ['AWSCURRENT'], CreatedDate: expect.any(Date) });
    expect(value.SecretString).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(value.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'SigningSecret' }))).SecretString).toBe(value.SecretString);
    expect((await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn.slice(0, -7) }))).SecretString).toBe(value.SecretString);
    await restart();
    expect((await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn }))).SecretString).toBe(value.SecretString);
  });

  test('PutSecretValue makes a new AWSCURRENT version; the one before becomes AWSPREVIOUS, also after a restart', async () => {
    const before = await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn }));
    const put = await client.send(new PutSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn, SecretString: 'rotated value' }));
    expect(put).toMatchObject({ ARN: TEMPLATE_SECRET.arn, Name: 'SigningSecret', VersionStages: ['AWSCURRENT'] });
    expect(put.VersionId).not.toBe(before.VersionId);
    await restart();
    expect((await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn }))).SecretString).toBe('rotated value');
    const previous = await client.send(new GetSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn, VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: before.SecretString, VersionId: before.VersionId, VersionStages: ['AWSPREVIOUS'] });
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'SigningSecret' }))).VersionIdsToStages).toEqual({
      [String(before.VersionId)]: ['AWSPREVIOUS'],
      [String(put.VersionId)]: ['AWSCURRENT'],
    });
  });

  test('a repeated ClientRequestToken is the same version; the same token with another value is refused', async () => {
    const token = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
    const first = await client.send(new PutSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn, SecretString: 'once', ClientRequestToken: token }));
    const again = await client.send(new PutSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn, SecretString: 'once', ClientRequestToken: token }));
    expect(again.VersionId).toBe(first.VersionId);
    expect(await failure(client.send(new PutSecretValueCommand({ SecretId: TEMPLATE_SECRET.arn, SecretString: 'twice', ClientRequestToken: token })))).toMatchObject({ name: 'ResourceExistsException' });
  });
});

describe('CreateSecret', () => {
  test('without a value: the secret exists (its ARN fits the stack parameter), but GetSecretValue finds no current value', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'translation-service/hmac', Description: 'from the translation service' }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:translation-service\/hmac-[A-Za-z0-9]{6}$/);
    expect(created.ARN).toMatch(SECRET_ARN_PARAMETER);
    expect(created.VersionId).toBeUndefined();
    expect(await failure(client.send(new GetSecretValueCommand({ SecretId: created.ARN })))).toEqual({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    });
    expect((await client.send(new DescribeSecretCommand({ SecretId: created.ARN }))).VersionIdsToStages).toEqual({});
  });

  test('with a value, then the same name again: ResourceExistsException', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'with-value', SecretString: 'v1' }));
    expect(created.VersionId).toBeDefined();
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'with-value' }))).SecretString).toBe('v1');
    expect(await failure(client.send(new CreateSecretCommand({ Name: 'with-value', SecretString: 'v2' })))).toMatchObject({ name: 'ResourceExistsException' });
  });
});

describe('errors, named as AWS names them', () => {
  test.each([
    ['an unknown secret', () => client.send(new GetSecretValueCommand({ SecretId: 'nothing-here' })), 'ResourceNotFoundException'],
    ['a put to an unknown secret', () => client.send(new PutSecretValueCommand({ SecretId: 'nothing-here', SecretString: 'x' })), 'ResourceNotFoundException'],
    ['an empty SecretString (AWS takes at least one character)', () => client.send(new PutSecretValueCommand({ SecretId: 'SigningSecret', SecretString: '' })), 'ValidationException'],
    ['a put without a value', () => client.send(new PutSecretValueCommand({ SecretId: 'SigningSecret' })), 'InvalidParameterException'],
    ['both a string and a binary value', () => client.send(new PutSecretValueCommand({ SecretId: 'SigningSecret', SecretString: 'x', SecretBinary: Buffer.from('y') })), 'InvalidParameterException'],
    ['an invalid name', () => client.send(new CreateSecretCommand({ Name: 'no spaces allowed' })), 'InvalidParameterException'],
    ['an unknown version stage', () => client.send(new GetSecretValueCommand({ SecretId: 'SigningSecret', VersionStage: 'NEXT' })), 'ResourceNotFoundException'],
  ])('%s', async (_what, call, name) => {
    expect(await failure(call())).toMatchObject({ name });
  });

  test('an unsupported operation or a malformed body', async () => {
    const post = (target: string, body: string) => fetch(server.url, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body });
    const unknown = await post('secretsmanager.RotateSecret', '{}');
    expect([unknown.status, ((await unknown.json()) as { __type: string }).__type]).toEqual([400, 'UnknownOperationException']);
    const malformed = await post('secretsmanager.GetSecretValue', '{"SecretId": 42}');
    expect([malformed.status, ((await malformed.json()) as { __type: string }).__type]).toEqual([400, 'ValidationException']);
  });
});

describe('ListSecrets', () => {
  test('lists descriptions without values, by pages, and filters by name', async () => {
    const all = await client.send(new ListSecretsCommand({}));
    const names = (all.SecretList ?? []).map((entry) => entry.Name);
    expect(names).toEqual(expect.arrayContaining(['SigningSecret', 'translation-service/hmac', 'with-value']));
    expect(JSON.stringify(all.SecretList)).not.toContain('rotated value');
    const first = await client.send(new ListSecretsCommand({ MaxResults: 1 }));
    expect(first.SecretList).toHaveLength(1);
    const second = await client.send(new ListSecretsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.SecretList?.[0]?.Name).not.toBe(first.SecretList?.[0]?.Name);
    const filtered = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['translation-'] }] }));
    expect((filtered.SecretList ?? []).map((entry) => entry.Name)).toEqual(['translation-service/hmac']);
  });
});

describe('generated values', () => {
  test('follow GenerateSecretString: length, classes excluded, each included class present', () => {
    for (let i = 0; i < 50; i += 1) {
      const value = generateSecretString({ PasswordLength: 12, ExcludePunctuation: true, ExcludeCharacters: 'abc' });
      expect(value).toMatch(/^[A-Za-z0-9]{12}$/);
      expect(value).not.toMatch(/[abc]/);
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[0-9]/);
    }
    expect(JSON.parse(generateSecretString({ SecretStringTemplate: '{"user":"app"}', GenerateStringKey: 'password', ExcludeNumbers: true }))).toEqual({ user: 'app', password: expect.stringMatching(/^\D{32}$/) });
  });
});

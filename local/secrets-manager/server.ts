import { type AwsJsonEndpoint, fields, startAwsJsonEndpoint } from '../aws-json-endpoint';
import type { SecretSpec } from '../template';
import { SecretStore } from './store';

export interface SecretsManagerServer extends AwsJsonEndpoint {
  store: SecretStore;
}

const S = 'string' as const;
const VALUE = { ClientRequestToken: S, SecretString: S, SecretBinary: S };
const operations = (store: SecretStore) => ({
  GetSecretValue: (b: Record<string, unknown>) => store.getValue(fields(b, { SecretId: S, VersionId: S, VersionStage: S })),
  PutSecretValue: (b: Record<string, unknown>) => store.putValue(fields(b, { SecretId: S, VersionStages: 'array', ...VALUE })),
  DescribeSecret: (b: Record<string, unknown>) => store.describe(fields(b, { SecretId: S })),
  ListSecrets: (b: Record<string, unknown>) => store.list(fields(b, { MaxResults: 'number', NextToken: S, Filters: 'array' })),
  CreateSecret: (b: Record<string, unknown>) => store.create(fields(b, { Name: S, Description: S, KmsKeyId: S, Tags: 'array', ...VALUE })),
});

/**
 * Secrets Manager for the embedded stack, over the AWS JSON 1.1 protocol that
 * @aws-sdk/client-secrets-manager (and so Powertools Parameters and the AWS CLI) speaks. It
 * serves the template's secrets, provisioned on first start, and any created through it.
 * Like the other local endpoints it does not check signatures.
 */
export async function startSecretsManagerServer(options: { dir: string; secrets: SecretSpec[]; port: number; host?: string }): Promise<SecretsManagerServer> {
  const host = options.host ?? '127.0.0.1';
  const store = SecretStore.open(options.dir);
  for (const secret of options.secrets) store.provision(secret);
  const endpoint = await startAwsJsonEndpoint(
    { targetPrefix: 'secretsmanager.', contentType: 'application/x-amz-json-1.1', maxBodyBytes: 1024 * 1024, internalError: 'InternalServiceError', messageField: 'Message', operations: operations(store) },
    { port: options.port, host },
  );
  return { ...endpoint, store };
}

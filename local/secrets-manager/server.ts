import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretSpec } from '../template';
import { SecretsManagerError } from './errors';
import { SecretStore } from './store';

export interface SecretsManagerServer {
  url: string;
  store: SecretStore;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Types = Record<string, 'string' | 'number' | 'array' | 'object'>;

/** Checks the types of the request fields an operation reads (the SDK sends them right; a hand-made request may not). */
function fields<T>(body: Body, types: Types): T {
  for (const [key, type] of Object.entries(types)) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) throw new SecretsManagerError('ValidationException', `1 validation error detected: Value at '${key}' must be of type ${type}`);
  }
  return body as T;
}

const S = 'string' as const;
const VALUE: Types = { ClientRequestToken: S, SecretString: S, SecretBinary: S };
const OPERATIONS: Record<string, (store: SecretStore, body: Body) => unknown> = {
  GetSecretValue: (store, b) => store.getValue(fields(b, { SecretId: S, VersionId: S, VersionStage: S })),
  PutSecretValue: (store, b) => store.putValue(fields(b, { SecretId: S, VersionStages: 'array', ...VALUE })),
  DescribeSecret: (store, b) => store.describe(fields(b, { SecretId: S })),
  ListSecrets: (store, b) => store.list(fields(b, { MaxResults: 'number', NextToken: S, Filters: 'array' })),
  CreateSecret: (store, b) => store.create(fields(b, { Name: S, Description: S, KmsKeyId: S, Tags: 'array', ...VALUE })),
};

const TARGET_PREFIX = 'secretsmanager.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SecretsManagerError('ValidationException', 'Request too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, type: string, message: string) => send(res, status, { __type: type, Message: message }, type);

async function handle(store: SecretStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    return sendError(res, 400, 'UnknownOperationException', 'Expected POST with x-amz-target: secretsmanager.<Operation>');
  }
  const operation = OPERATIONS[target.slice(TARGET_PREFIX.length)];
  if (!operation) return sendError(res, 400, 'UnknownOperationException', `Unsupported operation ${target}`);
  try {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new SecretsManagerError('ValidationException', 'Request body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SecretsManagerError('ValidationException', 'Request body must be a JSON object');
    send(res, 200, operation(store, body as Body));
  } catch (error) {
    if (error instanceof SecretsManagerError) return sendError(res, 400, error.code, error.message);
    return sendError(res, 500, 'InternalServiceError', error instanceof Error ? error.message : String(error));
  }
}

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
  const server = createServer((req, res) => {
    handle(store, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'InternalServiceError', String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

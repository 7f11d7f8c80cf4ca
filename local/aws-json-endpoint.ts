import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An AWS service endpoint of the embedded stack, over the AWS JSON protocol (1.0 or 1.1) that
 * the SDK v3 clients and the AWS CLI speak: POST with `x-amz-target: <prefix><Operation>`, a
 * JSON object in, a JSON object out, and errors as `{__type, message}` with the error code in
 * `x-amzn-errortype`. Like AWS's own endpoints as these tools see them, apart from signatures:
 * any credentials are accepted.
 */
export interface AwsJsonService {
  /** `AWSStepFunctions.`, `secretsmanager.` */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`. */
  contentType: string;
  maxBodyBytes: number;
  /** The service's name for a fault of its own (`InternalFailure`, `InternalServiceError`). */
  internalError: string;
  /** How the service spells the error text: `message` (Step Functions) or `Message` (Secrets Manager). */
  messageField: 'message' | 'Message';
  operations: Record<string, (body: Record<string, unknown>) => unknown>;
  /** The wire form of a result (e.g. dates as epoch seconds). */
  toWire?: (result: unknown) => unknown;
}

/** A refusal in the service's own words: `code` becomes the `__type`, answered with a 400. */
export class AwsServiceError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface AwsJsonEndpoint {
  url: string;
  close(): Promise<void>;
}

type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** Checks the types of the request fields an operation reads (the SDK sends them right; a hand-made request may not). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the shape the caller reads, checked field by field here
export function fields<T>(body: Record<string, unknown>, types: Record<string, FieldType>): T {
  for (const [key, type] of Object.entries(types)) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) throw new AwsServiceError('ValidationException', `1 validation error detected: Value at '${key}' must be of type ${type}`);
  }
  return body as T;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw new AwsServiceError('ValidationException', 'Request too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAwsJsonEndpoint(service: AwsJsonService, options: { port: number; host?: string }): Promise<AwsJsonEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const send = (res: ServerResponse, status: number, body: unknown, errorType?: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': service.contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, status: number, type: string, message: string) => send(res, status, { __type: type, [service.messageField]: message }, type);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(service.targetPrefix)) {
      return sendError(res, 400, 'UnknownOperationException', `Expected POST with x-amz-target: ${service.targetPrefix}<Operation>`);
    }
    const name = target.slice(service.targetPrefix.length);
    // Own properties only: `constructor` or `toString` are no operations.
    const operation = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
    if (!operation) return sendError(res, 400, 'UnknownOperationException', `Unsupported operation ${target}`);
    try {
      const text = await readBody(req, service.maxBodyBytes);
      let body: unknown;
      try {
        body = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        throw new AwsServiceError('ValidationException', 'Request body is not JSON');
      }
      if (!isObject(body)) throw new AwsServiceError('ValidationException', 'Request body must be a JSON object');
      const result = await operation(body);
      send(res, 200, service.toWire ? service.toWire(result) : result);
    } catch (error) {
      if (error instanceof AwsServiceError) return sendError(res, 400, (error as AwsServiceError).code, error.message);
      return sendError(res, 500, service.internalError, error instanceof Error ? error.message : String(error));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, service.internalError, String(error));
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

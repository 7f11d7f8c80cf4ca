import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultKind, FaultPlan, type FaultSpec } from './plan';

/** How a service says "slow down" and "my fault", as its SDK client parses them (AWS JSON protocol). */
export interface FaultDialect {
  contentType: string;
  throttle: string;
  internal: string;
}

export const DYNAMODB_FAULTS: FaultDialect = {
  contentType: 'application/x-amz-json-1.0',
  throttle: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  internal: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
};

export const STEP_FUNCTIONS_FAULTS: FaultDialect = {
  contentType: 'application/x-amz-json-1.0',
  throttle: 'ThrottlingException',
  internal: 'InternalFailure',
};

/** Which stores a call wrote to, when it committed: table names, or the service's name. */
export type WriteTargets = (target: string, body: unknown) => string[];

const WRITES_ITEMS = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

export const dynamoWrites: WriteTargets = (target, body) => {
  const operation = target.split('.').pop() ?? '';
  const request = asRecord(body);
  if (WRITES_ITEMS.has(operation)) return [String(request.TableName)];
  if (operation === 'BatchWriteItem') return Object.keys(asRecord(request.RequestItems));
  if (operation === 'TransactWriteItems' && Array.isArray(request.TransactItems)) {
    return request.TransactItems.flatMap((item) => ['Put', 'Update', 'Delete'].flatMap((kind) => (asRecord(item)[kind] ? [String(asRecord(asRecord(item)[kind]).TableName)] : [])));
  }
  return [];
};

const SFN_WRITES = new Set(['StartExecution', 'SendTaskSuccess', 'SendTaskFailure', 'StopExecution']);
/** Step Functions writes, by operation (`stepfunctions:StartExecution`): a harness may tell a callback from a start. */
export const stepFunctionsWrites: WriteTargets = (target) => {
  const operation = target.split('.').pop() ?? '';
  return SFN_WRITES.has(operation) ? [`stepfunctions:${operation}`] : [];
};

export interface FaultProxy {
  url: string;
  plan: FaultPlan;
  /** Committed writes seen, by table (or service). */
  writes: Record<string, number>;
  close(): Promise<void>;
}

/** The path that answers the proxy's counts (GET), for a harness to read what it did. */
export const FAULT_STATS_PATH = '/__faults';

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function answerError(res: ServerResponse, dialect: FaultDialect, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': dialect.contentType, 'content-length': Buffer.byteLength(body), 'x-amzn-errortype': type.split('#').pop() ?? type });
  res.end(body);
}

/**
 * An HTTP proxy in front of an embedded AWS endpoint that makes some calls fail as they fail
 * in AWS: throttled (400 with the service's throttling error), a 5xx, a timeout (held, then
 * the socket dropped, nothing forwarded), or a response lost after the call committed
 * (forwarded, answered, then the socket destroyed before the answer is written).
 * It counts the writes that committed, so that a harness can tell a call stored nothing.
 */
export async function startFaultProxy(options: { upstream: string; spec: FaultSpec; service: string; dialect: FaultDialect; writeTargets: WriteTargets; host: string }): Promise<FaultProxy> {
  const plan = new FaultPlan(options.spec, options.service);
  const writes: Record<string, number> = {};
  const countWrites = (req: IncomingMessage, body: Buffer) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return;
    }
    for (const table of options.writeTargets(String(req.headers['x-amz-target'] ?? ''), parsed)) writes[table] = (writes[table] ?? 0) + 1;
  };
  const upstream = new URL(options.upstream);

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (response) => {
          readAll(response).then((data) => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: data }), reject);
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === FAULT_STATS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...plan.counts, writes }));
      return;
    }
    const body = await readAll(req);
    const fault: FaultKind | undefined = plan.next();
    if (fault === 'throttle') return answerError(res, options.dialect, 400, options.dialect.throttle, 'Rate of requests exceeds the allowed throughput (injected)');
    if (fault === 'internal') return answerError(res, options.dialect, 500, options.dialect.internal, 'Internal server error (injected)');
    if (fault === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, options.spec.holdMs));
      req.socket.destroy();
      return;
    }
    const answer = await forward(req, body);
    if (answer.status === 200) countWrites(req, body);
    if (fault === 'lost-response') {
      req.socket.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The upstream failed (it is stopping): the caller sees a dropped connection, as it would.
      req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    plan,
    writes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

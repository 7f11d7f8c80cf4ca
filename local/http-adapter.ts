import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import type { SiteHandler } from './console-site';
import type { TokenVerifier } from './jwt';
import type { LambdaRuntime } from './lambda-runtime';
import { ACCOUNT, type RouteSpec } from './template';

/** API Gateway's own limit on HTTP API payloads; the handlers enforce the API's smaller one. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

interface CompiledRoute extends RouteSpec {
  method: string;
  segments: string[];
}

/** API Gateway hands claims to Lambda as strings; lists as "[a b]". */
function gatewayClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects and arrays are handled before: String() gets a scalar
    Object.entries(payload).map(([key, value]) => [key, Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value)]),
  );
}

/** A path segment decoded; one with a malformed escape (`%`, `%E0%A4%A`) stays as sent, for the function to refuse. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function match(route: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const pattern = route.segments[index];
    if (pattern.startsWith('{') && pattern.endsWith('}')) params[pattern.slice(1, -1)] = decodeSegment(segments[index]);
    else if (pattern !== segments[index]) return undefined;
  }
  return params;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Serves the template's routes like an API Gateway HTTP API with a JWT authorizer: matches
 * the route, checks the bearer token on authorized routes, builds a payload-format-2.0 event
 * for the route's function and maps its result back to HTTP.
 */
export function startHttpAdapter(options: {
  routes: RouteSpec[];
  runtime: LambdaRuntime;
  verify: TokenVerifier;
  port: number;
  host: string;
  /** What the API does not serve: the console on the same origin (console-site.ts). */
  site?: SiteHandler;
}): Promise<{ server: Server; url: string }> {
  const routes: CompiledRoute[] = options.routes.map((route) => {
    const [method, routePath] = route.routeKey.split(' ');
    return { ...route, method, segments: routePath.split('/').filter(Boolean) };
  });
  // Literal segments win over parameters, like API Gateway's most-specific match.
  routes.sort((a, b) => a.segments.filter((s) => s.startsWith('{')).length - b.segments.filter((s) => s.startsWith('{')).length);

  // The handler catches everything and always replies: node ignores the promise it returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const segments = url.pathname.split('/').filter(Boolean);
      let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
      for (const route of routes) {
        const params = route.method === request.method ? match(route, segments) : undefined;
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (!found && options.site && (await options.site(request, response, url))) return;
      if (!found) return reply(response, 404, { message: 'Not Found' });
      const body = await readBody(request);
      if (body === 'too-large') return reply(response, 413, { message: 'Request Entity Too Large' });
      let claims: Record<string, string> | undefined;
      let scopes: string[] = [];
      if (found.route.authorized) {
        const header = request.headers.authorization ?? '';
        const payload = header.startsWith('Bearer ') ? await options.verify(header.slice(7).trim()) : undefined;
        if (!payload) return reply(response, 401, { message: 'Unauthorized' });
        claims = gatewayClaims(payload);
        scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      const query: Record<string, string> = {};
      for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
      const contentType = headers['content-type'] ?? '';
      const textual = body.length === 0 || /json|text|xml|x-www-form-urlencoded/.test(contentType);
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: found.route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(Object.keys(found.params).length ? { pathParameters: found.params } : {}),
        requestContext: {
          accountId: ACCOUNT,
          apiId: 'local',
          ...(claims ? { authorizer: { jwt: { claims, scopes } } } : {}),
          domainName: (headers.host as string | undefined) ?? 'localhost',
          domainPrefix: 'local',
          http: { method: request.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(),
          routeKey: found.route.routeKey,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
        isBase64Encoded: !textual,
      };
      let result: unknown;
      try {
        result = await options.runtime.invoke(found.route.functionName, event);
      } catch {
        return reply(response, 500, { message: 'Internal Server Error' });
      }
      const structured = result as { statusCode?: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean } | null;
      if (!structured || typeof structured !== 'object' || structured.statusCode === undefined) return reply(response, 200, result);
      response.writeHead(structured.statusCode, structured.headers ?? {});
      response.end(structured.body === undefined ? undefined : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8'));
    } catch {
      if (!response.headersSent) reply(response, 500, { message: 'Internal Server Error' });
    }
  });
  return new Promise((resolve) => {
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://${options.host}:${port}` });
    });
  });
}

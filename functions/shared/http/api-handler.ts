import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { Forbidden, InvalidRequest, NotFound, PayloadTooLarge } from '../errors';
import { logger } from '../observability';
import { type CorrelationKeys, observed } from '../observed';
import { callerFromClaims } from './claims';
import type { IdempotencyGuard } from './idempotency';
import { problemResponse, zodFieldErrors } from './problem';
import { type BoundRoute, type RouteResult, routeKey } from './route';

export const MAX_BODY_BYTES = 256 * 1024;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

function validate(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidRequest(`The ${where} is not valid`, zodFieldErrors(parsed.error, where === 'body' ? '' : where));
  }
  return parsed.data;
}

function readBody(event: Event, route: BoundRoute): unknown {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLarge(`The body is over ${MAX_BODY_BYTES / 1024} KiB`);
  }
  if (!route.spec.body) return undefined;
  if (raw.trim() === '') {
    if (route.spec.bodyOptional) return undefined;
    throw new InvalidRequest('A JSON body is required');
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidRequest('The body is not well-formed JSON');
  }
}

function toResponse(route: BoundRoute, result: RouteResult): APIGatewayProxyStructuredResultV2 {
  const statusCode = result.status ?? route.spec.success.status;
  if (statusCode === 204 || result.body === undefined) return { statusCode };
  const contentType = result.contentType ?? route.spec.success.contentType ?? 'application/json';
  if (result.isBase64Encoded && typeof result.body === 'string') {
    return { statusCode, headers: { ...result.headers, 'content-type': contentType }, body: result.body, isBase64Encoded: true };
  }
  const body = typeof result.body === 'string' && contentType !== 'application/json' ? result.body : JSON.stringify(result.body);
  return { statusCode, headers: { 'content-type': contentType }, body };
}

/**
 * The Lambda entry for a resource: finds the route, checks the caller's role, validates
 * params/query/body with the route's schemas, runs the use case (once per Idempotency-Key)
 * and maps the result or the error. Use cases never see API Gateway events.
 */
export function apiHandler(routes: BoundRoute[], idempotency?: IdempotencyGuard) {
  const byKey = new Map(routes.map((route) => [routeKey(route.spec), route]));
  if (!idempotency && routes.some((route) => route.spec.idempotent)) {
    throw new Error('Routes that accept Idempotency-Key need an idempotency guard');
  }

  async function dispatch(event: Event, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
    const route = byKey.get(event.routeKey);
    if (!route) throw new NotFound(`No route ${event.routeKey}`);
    const { spec } = route;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a route left without the JWT authorizer has none: callerFromClaims refuses it (401)
    const caller = spec.access === 'public' ? undefined : callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
    if (caller && spec.access !== 'public' && !caller.roles.some((role) => spec.access.includes(role))) {
      throw new Forbidden(`This operation needs one of the roles: ${spec.access.join(', ')}`);
    }
    const rawBody = readBody(event, route);
    const input = {
      caller,
      params: validate(spec.params, event.pathParameters ?? {}, 'path'),
      query: validate(spec.query, event.queryStringParameters ?? {}, 'query'),
      body: rawBody === undefined && spec.bodyOptional ? undefined : validate(spec.body, rawBody, 'body'),
    } as Parameters<BoundRoute['run']>[0];
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an event invoked directly, not through API Gateway, may have no headers
    const idempotencyKey = event.headers?.['idempotency-key'];
    if (spec.idempotent && idempotency && idempotencyKey !== undefined) {
      if (idempotencyKey.length < 1 || idempotencyKey.length > 255) {
        throw new InvalidRequest('Idempotency-Key must be 1 to 255 characters', [
          { path: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
        ]);
      }
      const key = `${caller?.subject ?? 'public'} ${event.routeKey} ${event.rawPath} ${idempotencyKey}`;
      const request = { params: input.params ?? null, query: input.query ?? null, body: input.body ?? null };
      return toResponse(route, await idempotency.run({ key, request }, context, () => route.run({ ...input, idempotencyKey: key })));
    }
    return toResponse(route, await route.run(input));
  }

  return middy<Event, APIGatewayProxyStructuredResultV2>()
    .use(observed<Event, APIGatewayProxyStructuredResultV2>(requestKeys))
    .use(problemDetails())
    .handler(dispatch);
}

/**
 * API Gateway's request id as the correlation id (it is in the stage's access log too), and the
 * path's identifiers under their own names: `{id}` of /documents/{id} is a documentId, of
 * /contributions/{id} a contributionId; {jobId}, {taskId}, {donorId} keep theirs.
 */
function requestKeys(event: Event): CorrelationKeys {
  // Whatever event arrives is logged, even one not shaped like API Gateway's (the type says it is).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
  const keys: CorrelationKeys = { correlation_id: event.requestContext?.requestId, route: event.routeKey };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
  const resource = event.rawPath?.split('/')[1] ?? '';
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    keys[name === 'id' ? `${resource.replace(/s$/, '')}Id` : name] = value;
  }
  return keys;
}

/** The one place where errors become responses: application/problem+json, never internals. */
function problemDetails(): middy.MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an event not shaped like API Gateway's still gets a problem response
      const correlationId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
      const { response, expected } = problemResponse(request.error, correlationId);
      const routeKey = request.event.routeKey;
      if (expected) logger.info('request refused', { routeKey, status: response.statusCode, detail: request.error?.message });
      else logger.error('request failed', { routeKey, correlationId, error: request.error ?? undefined });
      request.response = response;
    },
  };
}

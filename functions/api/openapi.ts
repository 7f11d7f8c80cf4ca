import * as z from 'zod';
import { ProblemSchema } from '../shared/http/problem-schema';
import { EVENT_SOURCE } from '../shared/domain-events';
import type { RouteSpec } from '../shared/http/route';
import { domainEvents } from './events';

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const PROBLEM_TITLES: Record<number, string> = {
  400: 'Malformed or invalid request', 401: 'No or bad token', 403: 'Role or ownership refused', 404: 'Unknown id',
  409: 'Conflict with the current state', 413: 'Body over 256 KiB', 422: 'Idempotency-Key reused with a different body',
};

/** Converts one schema; named sub-schemas (`.meta({id})`) go to components and are referenced. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const raw = JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any' })).replaceAll('"#/$defs/', `"${REF_PREFIX}`);
  const { $defs, $schema: _dialect, ...rest } = JSON.parse(raw) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= definition;
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id === 'string') {
    components[id] ??= rest;
    return { $ref: `${REF_PREFIX}${id}` };
  }
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', components: Record<string, JsonSchema>) {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: toSchema(field, 'input', components),
  }));
}

const problem = (status: number) => ({
  description: PROBLEM_TITLES[status] ?? 'Problem',
  content: { 'application/problem+json': { schema: { $ref: `${REF_PREFIX}Problem` } } },
});

/** The OpenAPI 3.1 document of the catalogue, generated from the same zod schemas the handlers use. */
export function openApiDocument(routes: RouteSpec[], serverUrl?: string): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  toSchema(ProblemSchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const isPublic = route.access === 'public';
    const statuses = new Set<number>([400, ...(isPublic ? [] : [401, 403]), ...(route.body ? [413] : []), ...(route.problems ?? [])]);
    const content = (schema: z.ZodType, contentType: string) => ({ [contentType]: { schema: toSchema(schema, 'output', components) } });
    const responses: Record<string, unknown> = {
      [route.success.status]: route.success.schema
        ? {
            description: route.success.description ?? 'Success',
            content: {
              ...content(route.success.schema, route.success.contentType ?? 'application/json'),
              ...Object.fromEntries((route.alternatives ?? []).flatMap((other) => Object.entries(content(other.schema, other.contentType)))),
            },
          }
        : { description: route.success.description ?? 'Success' },
    };
    for (const status of [...statuses].sort()) responses[status] = problem(status);
    const headerParameters = route.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 }, description: 'Replays return the first response' }]
      : [];
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').split(/[/-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`,
      'x-roles': isPublic ? [] : route.access,
      security: isPublic ? [] : [{ bearer: [] }],
      parameters: [...parameters(route.params, 'path', components), ...parameters(route.query, 'query', components), ...headerParameters],
      ...(route.body ? { requestBody: { required: !route.bodyOptional, content: { 'application/json': { schema: toSchema(route.body, 'input', components) } } } } : {}),
      responses,
    };
  }
  // Domain events are not HTTP calls: they are put on the stack's EventBridge bus. As webhooks they
  // get a schema and a place in every OpenAPI tool; the body is the event's `detail`.
  const webhooks = Object.fromEntries(
    Object.entries(domainEvents).map(([type, schema]) => [
      type,
      {
        post: {
          summary: z.globalRegistry.get(schema)?.description ?? type,
          description: `Put on the stack's EventBridge bus (output DomainEventBusName) with source \`${EVENT_SOURCE}\` and detail-type \`${type}\`; this is its \`detail\`. Subscribe with a rule on the bus.`,
          operationId: `event${type}`,
          requestBody: { required: true, content: { 'application/json': { schema: toSchema(schema, 'output', components) } } },
          responses: { 200: { description: 'Delivered to the rule\'s target' } },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'UNODC Cybercrime Convention secretariat API', version: '1.0.0', description: 'Documentation chain and article 56 account. Roles come from the `roles` claim or Cognito groups.' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
    webhooks,
  };
}

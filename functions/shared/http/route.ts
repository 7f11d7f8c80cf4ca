import type { z } from 'zod';
import type { Caller, Role } from '../roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/**
 * One route of the HTTP contract: the single description that the CDK app (routes and
 * authorizer), the handlers (validation, roles) and the OpenAPI document all read.
 */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  /** The Lambda function that serves it (one per resource). */
  lambda: string;
  /** `public` routes have no authorizer; otherwise the roles allowed. */
  access: 'public' | readonly Role[];
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be omitted entirely (e.g. a withdrawal without a reason). */
  bodyOptional?: boolean;
  success: { status: number; schema?: z.ZodType; contentType?: string; description?: string };
  /** Other content types the success may come in (chosen by a query, e.g. format=csv). */
  alternatives?: readonly { contentType: string; schema: z.ZodType }[];
  /** Accepts an Idempotency-Key header (every POST that creates something). */
  idempotent?: boolean;
  /** Problem statuses worth documenting besides 400/401/403. */
  problems?: readonly number[];
}

export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>): string => `${spec.method} ${spec.path}`;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<S extends RouteSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
  /** Absent only on public routes. */
  caller: S['access'] extends 'public' ? Caller | undefined : Caller;
  /**
   * The request's Idempotency-Key scoped to the caller and route, when an idempotent route got
   * one: a use case can derive the ids it creates from it, so that a retry which runs again
   * (after a crash, or once the stored response expired) meets what the first run created.
   */
  idempotencyKey?: string;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  contentType?: string;
  /** `body` is base64 of binary content (a PDF): API Gateway decodes it for the client. */
  isBase64Encoded?: boolean;
  /** Further response headers (e.g. content-disposition). */
  headers?: Record<string, string>;
}

export interface BoundRoute {
  spec: RouteSpec;
  run: (input: RouteInput<RouteSpec>) => Promise<RouteResult>;
}

/** Pairs a spec with its implementation, typed by the spec's schemas. */
export function bind<S extends RouteSpec>(spec: S, run: (input: RouteInput<S>) => Promise<RouteResult>): BoundRoute {
  return { spec, run };
}

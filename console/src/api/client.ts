import createClient from 'openapi-fetch';
import { identity } from '../auth';
import { config } from '../config';
import type { components, paths } from './schema';

/** Types of the API, generated from its OpenAPI document (console/build.ts). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Language = Schemas['Language'];
export type Page<T> = { items: T[]; nextCursor: string | null };

let client: ReturnType<typeof createClient<paths>> | undefined;

/** The only way the console reaches the API: typed by the served contract, with the signed-in person's token. */
export function api(): ReturnType<typeof createClient<paths>> {
  if (!client) {
    client = createClient<paths>({ baseUrl: config().apiBase });
    client.use({
      onRequest({ request }) {
        const token = identity()?.token;
        if (token) request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}

export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem };

function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error && 'detail' in error) return error as Problem;
  // Gateway answers (a missing or expired token) are not problem documents.
  const message = error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' ? error.message : '';
  const title = response.status === 401 ? 'Sign-in needed' : response.statusText || 'Request failed';
  const detail = response.status === 401 ? 'Your session is missing or has expired. Sign in again.' : message || `The API answered ${response.status}.`;
  return { type: 'about:blank', title, status: response.status, detail };
}

/** An openapi-fetch call as data or the problem the API answered (a network failure becomes one too). */
export async function run<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Result<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, problem: asProblem(error, response) };
  } catch (failure) {
    return { ok: false, problem: { type: 'about:blank', title: 'The API could not be reached', status: 0, detail: failure instanceof Error ? failure.message : String(failure) } };
  }
}

/** A fresh Idempotency-Key for one intended creation: a retried click replays instead of creating twice. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

import type { BenchStack } from './stack';
import { expectStatus } from './load';

/** Clients of the documentation chain for the benchmarks: they answer at once. */

let counter = 0;
const runTag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** A valid submission with a fresh symbol: five target languages, optionally a print run. */
export function submission(printRun = false): Record<string, unknown> {
  counter += 1;
  return {
    symbol: `CTOC/COSP/2027/BENCH.${runTag}.${counter}`,
    title: 'Report of the Conference of the States Parties on its first session',
    category: 'pre-session',
    session: { code: 'COSP-1', startsOn: '2027-06-01' },
    originalLanguage: 'en',
    wordCount: 5000,
    origin: 'secretariat',
    sourceUri: 'https://documents.example.org/original.docx',
    ...(printRun ? { printRun: { copies: 100 } } : {}),
  };
}

export interface Actors {
  secretariat: string;
  translator: string;
  editor: string;
  printer: string;
}

export async function actors(stack: BenchStack): Promise<Actors> {
  const [secretariat, translator, editor, printer] = await Promise.all(['secretariat', 'translator', 'editor', 'printer'].map((role) => stack.token(role)));
  return { secretariat, translator, editor, printer };
}

export async function submit(stack: BenchStack, token: string, printRun = false): Promise<string> {
  const reply = await stack.request<{ id: string }>('POST', '/documents', { token, body: submission(printRun) });
  expectStatus(reply, 201, 'POST /documents');
  return reply.body.id;
}

/** Every item of a list route, following cursors. */
export async function listAll<T>(stack: BenchStack, token: string, route: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = route.includes('?') ? '&' : '?';
    const reply: { status: number; text: string; body: { items: T[]; nextCursor: string | null } } = await stack.request('GET', `${route}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expectStatus(reply, 200, `GET ${route}`);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return items;
}

export interface OpenJob {
  jobId: string;
  documentId: string;
  targetLanguage: string;
}

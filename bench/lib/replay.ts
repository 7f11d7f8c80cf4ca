import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { RecordedRequest } from './protocol';
import { sendWithRetry } from './stack';

/**
 * Replays recorded DynamoDB requests against a dynalite endpoint, with every id renamed
 * consistently (documents, work items, task tokens, symbols), so the replay does the same
 * work on fresh items: the same puts, conditional updates, gets and queries. dynalite checks
 * the shape of a signature, not its value, so the recorded headers are sent as they are.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const WORK_ITEM = /\b(tj|et|pj)-[0-9a-z]{13}\b/g;
const TOKEN = /LSF1-[A-Za-z0-9_-]{43}/g;
const SYMBOL = /BENCH\.([0-9a-z]+)\./g;

export function renamer(): (body: string) => string {
  const names = new Map<string, string>();
  const tag = randomBytes(4).toString('hex');
  const rename = (found: string, make: () => string) => {
    let name = names.get(found);
    if (!name) {
      name = make();
      names.set(found, name);
    }
    return name;
  };
  const base36 = (length: number) => Array.from(randomBytes(length), (byte) => (byte % 36).toString(36)).join('');
  return (body) =>
    body
      .replace(UUID, (found) => rename(found, randomUUID))
      .replace(WORK_ITEM, (found, prefix: string) => rename(found, () => `${prefix}-${base36(13)}`))
      .replace(TOKEN, (found) => rename(found, () => `LSF1-${randomBytes(32).toString('base64url').slice(0, 43)}`))
      .replace(SYMBOL, (_found, run: string) => `BENCH.${run}r${tag}.`);
}

/** Sends the requests in their recorded order, `concurrency` at a time; resolves with the elapsed ms. */
export async function replay(
  endpoint: string,
  requests: RecordedRequest[],
  concurrency: number,
  agent: Agent,
): Promise<{ ms: number; errors: number; refused: Record<string, number> }> {
  const url = new URL(endpoint);
  const rename = renamer();
  const bodies = requests.map((request) => rename(request.body));
  let next = 0;
  let errors = 0;
  const refused: Record<string, number> = {};
  const send = (index: number) => sendWithRetry(() => sendOnce(index));
  const sendOnce = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const body = bodies[index];
      const request = requests[index];
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...request.headers, 'x-amz-target': request.target, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          // Conditional checks that fail are part of the work (the application meets them too).
          const status = res.statusCode ?? 500;
          if (status >= 500) errors += 1;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            if (status === 400) chunks.push(chunk);
          });
          res.on('end', () => {
            if (status === 400) {
              const type = ((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { __type?: string }).__type ?? 'unknown').split('#').pop() ?? 'unknown';
              refused[type] = (refused[type] ?? 0) + 1;
            }
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await send(next++);
    }),
  );
  return { ms: performance.now() - start, errors, refused };
}

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { MessagePort } from 'node:worker_threads';
import type { ItemCounts, RecordedRequest } from './lib/protocol';

/**
 * Loaded in the embedded DynamoDB's thread (local/dynamo-worker.ts): observes the dynalite
 * server for the bench. While asked to, it counts the items DynamoDB returns (Get: 1 when
 * found, Query/Scan: ScannedCount, BatchGet: the items) and records the requests as received.
 * Counting is not attributed to a caller: the bench counts one request at a time.
 */
export type HookRequest = { id: number; cmd: 'items'; enable: boolean } | { id: number; cmd: 'record'; start: boolean } | { id: number; cmd: 'heap' };

export function install(server: Server, port: MessagePort): void {
  let counting = false;
  let items: ItemCounts = { requests: 0, items: 0, byOperation: {} };
  let recording: RecordedRequest[] | undefined;

  const count = (operation: string, body: string) => {
    let read = 0;
    try {
      const parsed = JSON.parse(body) as { Item?: unknown; ScannedCount?: number; Responses?: Record<string, unknown[]> };
      if (parsed.Item) read = 1;
      if (typeof parsed.ScannedCount === 'number') read = parsed.ScannedCount;
      if (parsed.Responses && operation === 'BatchGetItem') read = Object.values(parsed.Responses).reduce((sum, list) => sum + list.length, 0);
    } catch {
      return;
    }
    items.requests += 1;
    items.items += read;
    const entry = (items.byOperation[operation] ??= { requests: 0, items: 0 });
    entry.requests += 1;
    entry.items += read;
  };

  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (recording) {
      const log = recording;
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const header = (name: string) => String(request.headers[name] ?? '');
        log.push({ target, headers: { 'content-type': header('content-type'), authorization: header('authorization'), 'x-amz-date': header('x-amz-date') }, body: Buffer.concat(chunks).toString('utf8') });
      });
    }
    if (!counting) return;
    const operation = target.split('.')[1] ?? '';
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    (response as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && response.statusCode === 200) count(operation, args[0]);
      return end(...args);
    };
  });

  port.on('message', (message: HookRequest) => {
    if (message.cmd === 'heap') {
      // This thread's V8 heap (process.memoryUsage() in a worker reports its own isolate).
      const { heapUsed, heapTotal } = process.memoryUsage();
      port.postMessage({ id: message.id, result: { heapUsed, heapTotal } });
    } else if (message.cmd === 'items') {
      const snapshot = items;
      items = { requests: 0, items: 0, byOperation: {} };
      counting = message.enable;
      port.postMessage({ id: message.id, result: snapshot });
    } else {
      const recorded = recording ?? [];
      recording = message.start ? [] : undefined;
      port.postMessage({ id: message.id, result: recorded });
    }
  });
}

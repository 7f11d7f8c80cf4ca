import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

/**
 * dynalite on a thread of its own. DynamoDB is a service apart from the functions that call it;
 * run on the functions' event loop, every request would cost their thread the server's work too
 * (JSON parsing, validation, LevelDB), and the stack would use one core. On its own thread it
 * serves requests while the handlers and the Step Functions engine run on the main one.
 *
 * The worker is plain JavaScript (no TypeScript loader needed in it). `hooks` names a module
 * loaded in the worker whose `install(server, port)` may observe the dynalite server; `port`
 * is the other end of the returned `hooks` MessagePort.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync } = require('node:fs');
// dynalite turns LevelDB iterators into streams and ends them with iterator.return(), which
// abstract-level 3 iterators lack: without this every Query and Scan left its iterator open,
// pinning LevelDB's memory (the process grew by about 10 kB per Query, to gigabytes).
const classicLevel = require.resolve('classic-level', { paths: [workerData.dynalite] });
const abstractLevel = require(require.resolve('abstract-level', { paths: [classicLevel] }));
const iterators = Object.getPrototypeOf(abstractLevel.AbstractValueIterator.prototype);
if (typeof iterators.return !== 'function') {
  iterators.return = function () {
    return this.close().then(() => ({ done: true, value: undefined }));
  };
}
const dynalite = require(workerData.dynalite);
if (workerData.dir) mkdirSync(workerData.dir, { recursive: true });
const server = dynalite({ path: workerData.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
if (workerData.hooks) require(workerData.hooks).install(server, workerData.hooksPort);
server.on('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(0, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'close') {
    server.closeAllConnections?.();
    server.close(() => parentPort.postMessage('closed'));
  }
});
`;

export interface DynamoThread {
  endpoint: string;
  /** The hooks module's channel, when one was given. */
  hooks?: MessagePort;
  /** Stops serving and closes the LevelDB files. */
  close(): Promise<void>;
}

/** dynalite in a worker thread, its LevelDB files under `dir` (or in memory without one). */
export async function startDynamoThread(dir: string | undefined, host: string, hooks?: string): Promise<DynamoThread> {
  const channel = hooks ? new MessageChannel() : undefined;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { dynalite: require.resolve('dynalite'), dir, host, hooks, hooksPort: channel?.port2 },
    transferList: channel ? [channel.port2] : [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port?: number; error?: string }) => (message.port ? resolve(message.port) : reject(new Error(message.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the DynamoDB thread exited with ${code}`)));
  });
  worker.removeAllListeners('exit');
  worker.on('error', (error) => console.error(`dynamodb thread: ${error.message}`));
  return {
    endpoint: `http://${host}:${port}`,
    hooks: channel?.port1,
    async close() {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 30_000);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('close');
      });
      channel?.port1.close();
      await worker.terminate();
    },
  };
}

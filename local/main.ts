import * as path from 'node:path';
import { parseFaults } from './faults/plan';
import { startEmbeddedStack } from './stack';

/**
 * `npm start`: the embedded stack (see stack.ts) on HOST:PORT, its data kept under DATA_DIR
 * across restarts. Prints its endpoints, the last line once it serves requests.
 */
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const cdkOut = path.resolve(process.env.CDK_OUT ?? 'cdk.out');
// FAULTS=<seed>:<rate>: the fault layer (local/faults), off unless set.
const faults = parseFaults(process.env.FAULTS);
const scheduleOverride = process.env.LOCAL_SCHEDULE_INTERVAL_MS ? Number(process.env.LOCAL_SCHEDULE_INTERVAL_MS) : undefined;

async function main(): Promise<void> {
  const stack = await startEmbeddedStack({ cdkOut, dataDir, host, port, scheduleIntervalMs: scheduleOverride, faults });

  console.log(`dynamodb: ${stack.dynamo.endpoint}`);
  console.log(`stepfunctions: ${stack.stepFunctions.url}`);
  console.log(`secretsmanager: ${stack.secretsManager.url}`);
  console.log(`eventbridge: ${stack.eventBridge.url} (events put: ${path.join(dataDir, 'eventbridge', 'events.jsonl')})`);
  if (stack.faults) {
    console.log(`faults: seed ${String(faults?.seed)} rate ${String(faults?.rate)}`);
    console.log(`faults-dynamodb: ${stack.faults.dynamodb.url}`);
    console.log(`faults-stepfunctions: ${stack.faults.stepFunctions.url}`);
  }
  console.log(`data: ${dataDir}`);
  console.log(`ready: ${stack.url}`);

  const shutdown = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

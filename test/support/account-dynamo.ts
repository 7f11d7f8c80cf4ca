import type { Server } from 'node:http';
import * as path from 'node:path';
import { LOCAL_CREDENTIALS, createTables, startDynamo } from '../../local/dynamo';
import { loadStack } from '../../local/template';

/**
 * The template's Account and TaskTokens tables on an in-memory dynalite, with the environment
 * the account's functions read when they load: for tests of adapters and workflow steps
 * without the whole stack. Import the modules under test after `start()` (as at a cold start).
 */
export async function startAccountTables(): Promise<{ tables: { account: string; taskTokens: string }; stop: () => Promise<void> }> {
  const model = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat');
  const account = model.tables.find((table) => table.name.startsWith('Account'));
  const taskTokens = model.tables.find((table) => table.name.startsWith('DataTaskTokens'));
  if (!account || !taskTokens) throw new Error('run `npm run synth` first: the template has no Account or TaskTokens table');
  const dynamo: { server: Server; endpoint: string } = await startDynamo(undefined, '127.0.0.1');
  await createTables(dynamo.endpoint, [account, taskTokens]);
  Object.assign(process.env, {
    ACCOUNT_TABLE: account.name,
    TASK_TOKENS_TABLE: taskTokens.name,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  });
  return {
    tables: { account: account.name, taskTokens: taskTokens.name },
    stop: () => new Promise<void>((resolve) => dynamo.server.close(() => resolve())),
  };
}

import type { Server } from 'node:http';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AccountStores, makeAccountStores } from '../../functions/account/adapters/account-stores';
import { type TaskTokens, makeTaskTokens } from '../../functions/shared/aws/task-tokens';
import { LOCAL_CREDENTIALS, createTables, startDynamo } from '../../local/dynamo';
import { loadStack } from '../../local/template';

export interface AccountTables {
  tables: { account: string; taskTokens: string };
  /** A client of the in-memory DynamoDB, built as the handlers build theirs. */
  db: DynamoDBDocumentClient;
  /** The account's stores and the task tokens over those tables, as a handler composes them. */
  stores: AccountStores;
  tokens: TaskTokens;
  stop: () => Promise<void>;
}

/**
 * The template's Account and TaskTokens tables on an in-memory dynalite, with the stores the
 * account's functions build over them: for tests of adapters and workflow steps without the
 * whole stack. Nothing is read from the environment: the stores are given their client and tables.
 */
export async function startAccountTables(): Promise<AccountTables> {
  const model = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat');
  const account = model.tables.find((table) => table.name.startsWith('Account'));
  const taskTokens = model.tables.find((table) => table.name.startsWith('DataTaskTokens'));
  if (!account || !taskTokens) throw new Error('run `npm run synth` first: the template has no Account or TaskTokens table');
  const dynamo: { server: Server; endpoint: string } = await startDynamo(undefined, '127.0.0.1');
  await createTables(dynamo.endpoint, [account, taskTokens]);
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    tables: { account: account.name, taskTokens: taskTokens.name },
    db,
    stores: makeAccountStores({ db, tableName: account.name }),
    tokens: makeTaskTokens({ db, tableName: taskTokens.name }),
    stop: async () => {
      db.destroy();
      await new Promise<void>((resolve) => dynamo.server.close(() => resolve()));
    },
  };
}

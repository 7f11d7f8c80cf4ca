import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { optionalEnv } from '../config';
import { ENV } from '../env-names';
import { db, type StoreOptions } from './dynamo';

/**
 * Step Functions task tokens, kept apart from the work they wait for: a token lets its holder
 * drive the workflow, so only the callback functions may read this table, and no list of the
 * API ever carries one. `owner` names the waiting thing (`translation-job#…`, `contribution#…`);
 * a retried hand-off overwrites the token with the newest one.
 */
export interface TaskTokens {
  save(owner: string, taskToken: string, at: string): Promise<void>;
  tokenOf(owner: string): Promise<string | undefined>;
}

export function makeTaskTokens({ db: client, tableName: TableName }: StoreOptions): TaskTokens {
  return {
    async save(owner, taskToken, at) {
      await client.send(new PutCommand({ TableName, Item: { owner, taskToken, savedAt: at } }));
    },
    async tokenOf(owner) {
      // Consistent: a callback right after the hand-off saved the token must find it, not an older one.
      const { Item } = await client.send(new GetCommand({ TableName, Key: { owner }, ConsistentRead: true }));
      return Item ? String(Item.taskToken) : undefined;
    },
  };
}

// The account context still calls these module functions (its handlers do not compose their
// ports yet). The table's name is read at load, as before, but only required when used: the
// documentation chain's functions build their own TaskTokens and load this module too.
const accountTableName = optionalEnv(ENV.taskTokensTable);
let fromEnvironment: TaskTokens | undefined;
const defaultTokens = () => {
  if (!accountTableName) throw new Error(`Missing required environment variable ${ENV.taskTokensTable}`);
  return (fromEnvironment ??= makeTaskTokens({ db, tableName: accountTableName }));
};

export const saveTaskToken = (owner: string, taskToken: string, at: string) => defaultTokens().save(owner, taskToken, at);
export const taskTokenOf = (owner: string) => defaultTokens().tokenOf(owner);

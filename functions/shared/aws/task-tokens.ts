import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreOptions } from './dynamo';

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
      const { Item } = await client.send(new GetCommand({ TableName, Key: { owner } }));
      return Item ? String(Item.taskToken) : undefined;
    },
  };
}

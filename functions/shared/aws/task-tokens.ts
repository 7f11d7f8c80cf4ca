import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config';
import { db } from './dynamo';

const TableName = requireEnv('TASK_TOKENS_TABLE');

/**
 * Step Functions task tokens, kept apart from the work they wait for: a token lets its holder
 * drive the workflow, so only the callback functions may read this table, and no list of the
 * API ever carries one. `owner` names the waiting thing (`translation-job#…`, `contribution#…`);
 * a retried hand-off overwrites the token with the newest one.
 */
export async function saveTaskToken(owner: string, taskToken: string, at: string): Promise<void> {
  await db.send(new PutCommand({ TableName, Item: { owner, taskToken, savedAt: at } }));
}

export async function taskTokenOf(owner: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: { owner } }));
  return Item ? String(Item.taskToken) : undefined;
}

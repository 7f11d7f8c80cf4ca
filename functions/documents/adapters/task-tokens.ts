import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/aws/dynamo';
import { requireEnv } from '../../shared/config';

const TableName = requireEnv('TASK_TOKENS_TABLE');

/**
 * Step Functions task tokens, kept apart from the work items: a token lets its holder drive
 * the workflow, so only the callback functions may read this table, and the open-work lists
 * never carry it. A retried hand-off overwrites the token with the newest one.
 */
export async function saveTaskToken(owner: string, taskToken: string, at: string): Promise<void> {
  await db.send(new PutCommand({ TableName, Item: { owner, taskToken, savedAt: at } }));
}

export async function taskTokenOf(owner: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName, Key: { owner } }));
  return Item ? String(Item.taskToken) : undefined;
}

export const tokenOwner = {
  translationJob: (jobId: string) => `translation-job#${jobId}`,
  editingTask: (taskId: string) => `editing-task#${taskId}`,
  printJob: (jobId: string) => `print-job#${jobId}`,
};

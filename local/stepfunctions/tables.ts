import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Creates the table unless it exists, then waits until it and its indexes are ACTIVE. */
export async function ensureTable(doc: DynamoDBDocumentClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await doc.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  for (let attempt = 0; attempt < 600; attempt++) {
    const { Table } = await doc.send(new DescribeTableCommand({ TableName: input.TableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${String(input.TableName)} did not become ACTIVE`);
}

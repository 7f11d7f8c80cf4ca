import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { TableSpec } from './template';

// dynalite is plain CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** dynalite as DynamoDB, its LevelDB files under `dir` (or in memory without one). */
export async function startDynamo(dir: string | undefined, host: string): Promise<{ server: Server; endpoint: string }> {
  if (dir) mkdirSync(dir, { recursive: true });
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://${host}:${port}` };
}

/** Creates the template's tables that do not exist yet, with their keys and indexes. */
export async function createTables(endpoint: string, tables: TableSpec[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const table of tables) {
    if (existing.has(table.name)) continue;
    const definition = table.definition as unknown as CreateTableCommandInput;
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: definition.KeySchema,
        AttributeDefinitions: definition.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        ...(definition.GlobalSecondaryIndexes?.length
          ? { GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })) }
          : {}),
      }),
    );
  }
  client.destroy();
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { FaultPlan, parseFaults } from '../../local/faults/plan';
import { DYNAMODB_FAULTS, FAULT_STATS_PATH, dynamoWrites, startFaultProxy } from '../../local/faults/proxy';

/**
 * The fault layer: FAULTS=<seed>:<rate> decides, call by call and the same for the same seed,
 * which calls fail and how; the SDK sees each fault as it would see AWS's.
 */
test('FAULTS is off unless given, and a seed gives the same faults every time', () => {
  expect(parseFaults(undefined)).toBeUndefined();
  expect(parseFaults('off')).toBeUndefined();
  expect(parseFaults('42:0.1')).toEqual({ seed: 42, rate: 0.1, holdMs: 250 });
  expect(() => parseFaults('42:2')).toThrow(/FAULTS must be/);
  const draw = (seed: number) => {
    const plan = new FaultPlan({ seed, rate: 0.2, holdMs: 0 }, 'dynamodb');
    return Array.from({ length: 2000 }, () => plan.next());
  };
  expect(draw(7)).toEqual(draw(7));
  expect(draw(7)).not.toEqual(draw(8));
  const share = draw(7).filter(Boolean).length / 2000;
  expect(share).toBeGreaterThan(0.15);
  expect(share).toBeLessThan(0.25);
});

test('the SDK sees throttling, a 5xx, a dropped socket and a lost answer; committed writes are counted', async () => {
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"TableNames":[]}'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const proxy = await startFaultProxy({
    upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    spec: { seed: 1, rate: 1, holdMs: 10 },
    service: 'dynamodb',
    dialect: DYNAMODB_FAULTS,
    writeTargets: dynamoWrites,
    host: '127.0.0.1',
  });
  const client = new DynamoDBClient({ endpoint: proxy.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const seen = new Set<string>();
  for (let call = 0; call < 40; call++) {
    const error = (await client.send(new ListTablesCommand({})).then(() => undefined, (failure: unknown) => failure)) as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    seen.add(error?.name === 'ProvisionedThroughputExceededException' || error?.name === 'InternalServerError' ? error.name : 'dropped');
  }
  expect([...seen].sort()).toEqual(['InternalServerError', 'ProvisionedThroughputExceededException', 'dropped']);
  const stats = (await (await fetch(`${proxy.url}${FAULT_STATS_PATH}`)).json()) as { calls: number; faulted: number; byKind: Record<string, number> };
  expect(stats).toMatchObject({ calls: 40, faulted: 40 });
  expect(stats.byKind['lost-response']).toBeGreaterThan(0);
  expect(dynamoWrites('DynamoDB_20120810.TransactWriteItems', { TransactItems: [{ Put: { TableName: 'A' } }, { ConditionCheck: { TableName: 'B' } }, { Update: { TableName: 'C' } }] })).toEqual(['A', 'C']);
  expect(dynamoWrites('DynamoDB_20120810.GetItem', { TableName: 'A' })).toEqual([]);
  client.destroy();
  await proxy.close();
  upstream.close();
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type EventBridgeServer, startEventBridgeServer } from '../../local/eventbridge/server';
import { EventStore } from '../../local/eventbridge/store';

/** The embedded EventBridge as the SDK sees it: PutEvents on the template's buses, and what was put kept on disk. */
const dir = mkdtempSync(path.join(tmpdir(), 'eventbridge-'));
let server: EventBridgeServer;
let client: EventBridgeClient;

beforeAll(async () => {
  server = await startEventBridgeServer({ dir, buses: ['DomainEventsBus'], port: 0 });
  client = new EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

test('PutEvents keeps each accepted entry as a rule target would receive it; a malformed entry is refused on its own', async () => {
  const time = new Date('2027-01-02T03:04:05Z');
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'DomainEventsBus', Source: 'org.unodc.cybercrime-secretariat', DetailType: 'DocumentPublished', Detail: JSON.stringify({ eventId: 'DocumentPublished:d1', documentId: 'd1' }), Time: time },
        { EventBusName: 'DomainEventsBus', Source: 'org.unodc.cybercrime-secretariat', DetailType: 'DocumentPublished', Detail: 'not json' },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(1);
  expect(result.Entries?.[0].EventId).toEqual(expect.any(String));
  expect(result.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
  // Read again from the file, as after a restart.
  expect(EventStore.open(dir).all()).toEqual([
    {
      version: '0', id: result.Entries?.[0].EventId, 'detail-type': 'DocumentPublished', source: 'org.unodc.cybercrime-secretariat', account: '000000000000',
      time: '2027-01-02T03:04:05Z', region: 'us-east-1', resources: [], detail: { eventId: 'DocumentPublished:d1', documentId: 'd1' }, 'event-bus-name': 'DomainEventsBus',
    },
  ]);
});

test('an unknown bus is a ResourceNotFoundException; a known one is described', async () => {
  await expect(client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'Nowhere', Source: 's', DetailType: 't', Detail: '{}' }] }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  expect(await client.send(new DescribeEventBusCommand({ Name: 'arn:aws:events:us-east-1:000000000000:event-bus/DomainEventsBus' }))).toMatchObject({ Name: 'DomainEventsBus', Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/DomainEventsBus' });
});

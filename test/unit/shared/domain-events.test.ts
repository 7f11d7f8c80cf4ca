import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventNotPut, makeDomainEvents } from '../../../functions/shared/aws/events';

/** The publisher over stub clients: an event goes out once, is marked after the put, and a refused put is retryable and leaves no mark. */
type Command = { constructor: { name: string }; input: Record<string, unknown> };

function stubs(putAnswer: () => Record<string, unknown>) {
  const marks = new Map<string, Record<string, unknown>>();
  const puts: Record<string, unknown>[] = [];
  const db = {
    send: async (command: Command) => {
      const input = command.input as { Key?: { eventId: string }; Item?: { eventId: string } };
      if (command.constructor.name === 'GetCommand') return { Item: marks.get(String(input.Key?.eventId)) };
      if (input.Item) marks.set(input.Item.eventId, input.Item);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const client = {
    send: async (command: Command) => {
      puts.push(command.input);
      return putAnswer();
    },
  } as unknown as Pick<EventBridgeClient, 'send'>;
  return { events: makeDomainEvents({ client, busName: 'Bus', marks: { db, tableName: 'Marks' } }), marks, puts };
}

const event = { type: 'DocumentWithdrawn', id: 'DocumentWithdrawn:d1', time: '2027-01-02T03:04:05.000Z', detail: { documentId: 'd1', symbol: 'A/1' } };

test('an event is put once with its identity in the detail, then marked; the same fact again is not put', async () => {
  const { events, marks, puts } = stubs(() => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));
  expect(await events.publish(event)).toBe(true);
  expect(await events.publish({ ...event, detail: { documentId: 'd1', symbol: 'A/1', reason: 'again' } })).toBe(false);
  expect(puts).toHaveLength(1);
  const [entry] = (puts[0] as { Entries: { EventBusName: string; Source: string; DetailType: string; Detail: string; Time: Date }[] }).Entries;
  expect(entry).toMatchObject({ EventBusName: 'Bus', Source: 'org.unodc.cybercrime-secretariat', DetailType: 'DocumentWithdrawn' });
  expect(entry.Time.toISOString()).toBe(event.time);
  expect(JSON.parse(entry.Detail)).toEqual({ eventId: 'DocumentWithdrawn:d1', documentId: 'd1', symbol: 'A/1' });
  expect(marks.get('DocumentWithdrawn:d1')).toMatchObject({ type: 'DocumentWithdrawn', busEventId: 'e-1' });
});

test('an entry EventBridge refuses is a retryable error and leaves no mark, so the retry puts it', async () => {
  let refuse = true;
  const { events, marks, puts } = stubs(() => (refuse ? { FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }] } : { FailedEntryCount: 0, Entries: [{ EventId: 'e-2' }] }));
  const failure = await events.publish(event).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(EventNotPut);
  expect((failure as EventNotPut).$retryable).toBeDefined();
  expect(marks.size).toBe(0);
  refuse = false;
  expect(await events.publish(event)).toBe(true);
  expect(puts).toHaveLength(2);
});

test('a fact the caller has just committed is put without reading its mark first', async () => {
  const { events, marks, puts } = stubs(() => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e-3' }] }));
  expect(await events.publish(event, { fresh: true })).toBe(true);
  expect(puts).toHaveLength(1);
  expect(marks.has(event.id)).toBe(true);
});

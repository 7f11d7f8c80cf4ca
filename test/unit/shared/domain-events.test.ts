import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventNotPut, makeDomainEvents } from '../../../functions/shared/aws/events';

/**
 * The publisher over stub clients: an event goes out once (its mark claimed by one conditional
 * write, then marked sent), concurrent observers of the same fact put it once, and a refused put
 * is retryable and gives its claim up for the retry.
 */
type Command = { constructor: { name: string }; input: Record<string, unknown> };
type Mark = Record<string, unknown> & { eventId: string; state?: string; claim?: string; claimedAt?: number };

/** The marks table, with the two conditions the publisher writes under. */
function holds(condition: string | undefined, current: Mark | undefined, values: Record<string, unknown>): boolean {
  if (condition === undefined) return true;
  if (condition.startsWith('attribute_not_exists')) return !current || (current.state === values[':sending'] && Number(current.claimedAt) < Number(values[':stale']));
  if (condition === 'claim = :claim') return current?.claim === values[':claim'];
  throw new Error(`unexpected condition ${condition}`);
}

function stubs(putAnswer: () => Promise<Record<string, unknown>>) {
  const marks = new Map<string, Mark>();
  const puts: Record<string, unknown>[] = [];
  const db = {
    send: async (command: Command) => {
      const input = command.input as { Item: Mark; ConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> };
      if (command.constructor.name !== 'PutCommand') throw new Error(`unexpected ${command.constructor.name}`);
      await Promise.resolve();
      if (!holds(input.ConditionExpression, marks.get(input.Item.eventId), input.ExpressionAttributeValues ?? {})) {
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      }
      marks.set(input.Item.eventId, input.Item);
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

const accepted = (id: string) => () => Promise.resolve({ FailedEntryCount: 0, Entries: [{ EventId: id }] });
const event = { type: 'DocumentWithdrawn', id: 'DocumentWithdrawn:d1', time: '2027-01-02T03:04:05.000Z', detail: { documentId: 'd1', symbol: 'A/1' } };

test('an event is put once with its identity in the detail, then marked sent; the same fact again is not put', async () => {
  const { events, marks, puts } = stubs(accepted('e-1'));
  expect(await events.publish(event)).toBe(true);
  expect(await events.publish({ ...event, detail: { documentId: 'd1', symbol: 'A/1', reason: 'again' } })).toBe(false);
  expect(puts).toHaveLength(1);
  const [entry] = (puts[0] as { Entries: { EventBusName: string; Source: string; DetailType: string; Detail: string; Time: Date }[] }).Entries;
  expect(entry).toMatchObject({ EventBusName: 'Bus', Source: 'org.unodc.cybercrime-secretariat', DetailType: 'DocumentWithdrawn' });
  expect(entry.Time.toISOString()).toBe(event.time);
  expect(JSON.parse(entry.Detail)).toEqual({ eventId: 'DocumentWithdrawn:d1', documentId: 'd1', symbol: 'A/1' });
  expect(marks.get('DocumentWithdrawn:d1')).toMatchObject({ type: 'DocumentWithdrawn', state: 'sent', busEventId: 'e-1' });
});

test('two observers of the same fact at once (concurrent runs of a schedule): one puts it, the other does not', async () => {
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const { events, puts } = stubs(async () => {
    await slow;
    return { FailedEntryCount: 0, Entries: [{ EventId: 'e-4' }] };
  });
  const first = events.publish(event);
  const second = await events.publish(event); // while the first is still putting
  release();
  expect([await first, second]).toEqual([true, false]);
  expect(puts).toHaveLength(1);
});

test('an entry EventBridge refuses is a retryable error and gives its claim up, so the retry puts it', async () => {
  let refuse = true;
  const { events, marks, puts } = stubs(() =>
    Promise.resolve(refuse ? { FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }] } : { FailedEntryCount: 0, Entries: [{ EventId: 'e-2' }] }),
  );
  const failure = await events.publish(event).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(EventNotPut);
  expect((failure as EventNotPut).$retryable).toBeDefined();
  expect(marks.get(event.id)).toMatchObject({ state: 'sending', claimedAt: 0 });
  refuse = false;
  expect(await events.publish(event)).toBe(true);
  expect(puts).toHaveLength(2);
  expect(marks.get(event.id)).toMatchObject({ state: 'sent', busEventId: 'e-2' });
});

test('a claim left by a sender that crashed before its put is taken over once it is stale', async () => {
  const { events, marks, puts } = stubs(accepted('e-3'));
  marks.set(event.id, { eventId: event.id, type: event.type, state: 'sending', claim: 'crashed', claimedAt: Date.now() - 60_000 });
  expect(await events.publish(event)).toBe(true);
  expect(puts).toHaveLength(1);
  marks.set('DocumentWithdrawn:d2', { eventId: 'DocumentWithdrawn:d2', type: event.type, state: 'sending', claim: 'busy', claimedAt: Date.now() });
  expect(await events.publish({ ...event, id: 'DocumentWithdrawn:d2' })).toBe(false);
});

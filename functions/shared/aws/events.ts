import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DomainEvent, type DomainEvents, EVENT_SOURCE } from '../domain-events';
import { tracer } from '../tracing';
import { conditionally } from './conditional';

// Built once per container; AWS_ENDPOINT_URL_EVENTBRIDGE points it at the embedded bus locally.
export const eventBridge = tracer.captureAWSv3Client(new EventBridgeClient({}));

/** PutEvents accepted the request but not the entry (throttled, bus busy): worth a retry, like the SDK's own throttles. */
export class EventNotPut extends Error {
  readonly $retryable = { throttling: false };
  constructor(type: string, id: string, code: string | undefined, message: string | undefined) {
    super(`PutEvents refused ${type} ${id}: ${code ?? 'unknown'} ${message ?? ''}`.trim());
    this.name = 'EventNotPut';
  }
}

export interface DomainEventsOptions {
  client: Pick<EventBridgeClient, 'send'>;
  busName: string;
  /** The EmittedEvents table: one item per event sent (key `eventId`). */
  marks: { db: DynamoDBDocumentClient; tableName: string };
  source?: string;
}

/**
 * The publisher: an event whose mark exists was sent before and is skipped; otherwise it is put
 * on the bus, then marked. Called after the fact is committed, by every path that observes the
 * fact (the first run and its retries), so a crash between the commit and the put is healed by
 * the retry. The mark is written after the put: a crash between the two, or two retries racing,
 * can send an event twice (never zero times); `detail.eventId` is the same on both, for
 * subscribers to drop the repeat.
 */
export function makeDomainEvents({ client, busName, marks, source = EVENT_SOURCE }: DomainEventsOptions): DomainEvents {
  const { db, tableName } = marks;
  return {
    async publish(event: DomainEvent, options: { fresh?: boolean } = {}): Promise<boolean> {
      if (!options.fresh) {
        const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { eventId: event.id }, ConsistentRead: true }));
        if (Item) return false;
      }
      const result = await client.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: busName, Source: source, DetailType: event.type, Time: new Date(event.time), Detail: JSON.stringify({ eventId: event.id, ...event.detail }) }],
        }),
      );
      const entry = result.Entries?.at(0);
      if ((result.FailedEntryCount ?? 0) > 0 || !entry?.EventId) throw new EventNotPut(event.type, event.id, entry?.ErrorCode, entry?.ErrorMessage);
      await conditionally(() =>
        db.send(new PutCommand({
          TableName: tableName,
          Item: { eventId: event.id, type: event.type, busEventId: entry.EventId, sentAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(eventId)',
        })),
      );
      return true;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
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

/** How long a claim to send an event holds: a sender that crashed after claiming leaves it to whoever observes the fact after this. */
const CLAIM_MS = 30_000;

/**
 * The publisher. Called after the fact is committed, by every path that observes it (the first
 * run, its retries, concurrent runs of a schedule): one conditional write claims the event's
 * mark, and only the claimer puts it on the bus and then marks it sent. A mark already sent, or
 * claimed less than CLAIM_MS ago, means someone else announced it: nothing is put. A refused put
 * releases the claim, so the retry puts it. An event can go out twice only if a sender takes
 * longer than CLAIM_MS between its claim and its put; `detail.eventId` is the same on both, for
 * subscribers to drop the repeat.
 */
export function makeDomainEvents({ client, busName, marks, source = EVENT_SOURCE }: DomainEventsOptions): DomainEvents {
  const { db, tableName } = marks;
  const mark = (event: DomainEvent, item: Record<string, unknown>, condition?: { expression: string; values: Record<string, unknown> }) =>
    db.send(new PutCommand({
      TableName: tableName,
      Item: { eventId: event.id, type: event.type, ...item },
      ...(condition && { ConditionExpression: condition.expression, ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: condition.values }),
    }));
  return {
    async publish(event: DomainEvent): Promise<boolean> {
      const now = Date.now();
      const claim = randomUUID();
      const claimed = await conditionally(() =>
        mark(event, { state: 'sending', claim, claimedAt: now }, {
          expression: 'attribute_not_exists(eventId) OR (#state = :sending AND claimedAt < :stale)',
          values: { ':sending': 'sending', ':stale': now - CLAIM_MS },
        }),
      );
      if (!claimed) return false;
      let entry: PutEventsResultEntry | undefined;
      try {
        const result = await client.send(
          new PutEventsCommand({
            Entries: [{ EventBusName: busName, Source: source, DetailType: event.type, Time: new Date(event.time), Detail: JSON.stringify({ eventId: event.id, ...event.detail }) }],
          }),
        );
        entry = result.Entries?.at(0);
        if ((result.FailedEntryCount ?? 0) > 0 || !entry?.EventId) throw new EventNotPut(event.type, event.id, entry?.ErrorCode, entry?.ErrorMessage);
      } catch (error) {
        // Not sent: the claim is given up at once (if it is still ours), for the retry.
        await conditionally(() => mark(event, { state: 'sending', claim, claimedAt: 0 }, { expression: 'claim = :claim', values: { ':claim': claim } }));
        throw error;
      }
      await mark(event, { state: 'sent', busEventId: entry.EventId, sentAt: new Date().toISOString() });
      return true;
    },
  };
}

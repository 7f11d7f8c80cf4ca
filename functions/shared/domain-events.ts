/**
 * Domain events: facts announced to other systems (the official document repository, the ERP)
 * on the stack's EventBridge bus. Each fact has a deterministic identity, so whoever observes
 * it again (a retried request, a step run again, the next scheduled run) announces the same
 * event, and the publisher sends it only once (functions/shared/aws/events.ts).
 */
/** The `source` of every event the stack puts on its bus (what a subscriber's rule matches). */
export const EVENT_SOURCE = 'org.unodc.cybercrime-secretariat';

export interface DomainEvent<Type extends string = string> {
  /** The event's name: EventBridge's `detail-type`. */
  type: Type;
  /** The fact's identity, `<type>:<record id>[:<part>]`; also `detail.eventId`. */
  id: string;
  /** When the fact happened (ISO 8601). */
  time: string;
  /** The event's documented detail (without `eventId`, which the publisher adds). */
  detail: Record<string, unknown>;
}

/** The port the use cases announce through. */
export interface DomainEvents {
  /** Announces the event unless it was (or is being) announced before; true when it was sent now. */
  publish(event: DomainEvent): Promise<boolean>;
}

/** The identity of a fact: its type and the ids that make it unique. */
export const eventId = (type: string, ...parts: string[]): string => [type, ...parts].join(':');

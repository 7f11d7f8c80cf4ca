import { CfnOutput, Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/shared/domain-events';
import { ENV } from '../../functions/shared/env-names';
import type { AppFunction } from './app-function';
import { table } from './tables';

/**
 * The stack's domain events: an EventBridge bus that other systems subscribe to with rules
 * (source `org.unodc.cybercrime-secretariat`, `detail-type` the event's name), an archive of
 * a year for replays, and the EmittedEvents table of once-only marks (functions/shared/aws/events.ts).
 */
export class DomainEventBus extends Construct {
  readonly bus: EventBus;
  readonly marks: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Domain events of the secretariat: documents submitted, published, withdrawn, failed; issuance risk changed; contributions reported and received; installments overdue' });
    this.bus.archive('Archive', { description: 'Every domain event of the last year, for replays', eventPattern: { source: [EVENT_SOURCE] }, retention: Duration.days(365) });
    this.marks = table(this, 'EmittedEvents', 'eventId');
    // What a subscriber's rule names (`--event-bus-name`), under a plain name like the stack's other outputs.
    new CfnOutput(this, 'BusName', { value: this.bus.eventBusName, description: 'The EventBridge bus of the domain events' }).overrideLogicalId('DomainEventBusName');
  }

  /** Lets a function announce events: PutEvents on this bus only, and its marks (PutItem, conditional: nothing else). */
  grantPublish(fn: AppFunction): AppFunction {
    this.bus.grantPutEventsTo(fn);
    this.marks.grant(fn, 'dynamodb:PutItem');
    fn.addEnvironment(ENV.domainEventBus, this.bus.eventBusName);
    fn.addEnvironment(ENV.emittedEventsTable, this.marks.tableName);
    return fn;
  }
}

import { z } from 'zod';
import { detectOverdueInstallments } from '../account/app/overdue';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({ eventBus: required(ENV.domainEventBus), emittedEventsTable: required(ENV.emittedEventsTable) });
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), (_event, now) => detectOverdueInstallments(now, events));

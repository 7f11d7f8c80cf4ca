import * as z from 'zod';
import { makeAccountStores } from '../account/adapters/account-stores';
import { makeDetectOverdueInstallments } from '../account/app/overdue';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({ accountTable: required(ENV.accountTable), eventBus: required(ENV.domainEventBus), emittedEventsTable: required(ENV.emittedEventsTable) });
const events = makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } });
const detectOverdueInstallments = makeDetectOverdueInstallments({ stores: makeAccountStores({ db, tableName: config.accountTable }), events, clock: () => new Date() });

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => detectOverdueInstallments());

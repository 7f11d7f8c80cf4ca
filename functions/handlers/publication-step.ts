import { makeDocumentStore } from '../documents/adapters/document-store';
import { makePublishDocument } from '../documents/app/publication';
import { PublicationStepInput } from '../documents/steps';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const publishDocument = makePublishDocument({
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  events: makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } }),
  clock: () => new Date(),
});

export const handler = stepHandler(PublicationStepInput, (input) => publishDocument(input.documentId));

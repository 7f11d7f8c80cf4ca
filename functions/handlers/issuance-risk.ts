import * as z from 'zod';
import { makeDocumentStore } from '../documents/adapters/document-store';
import { makeRiskEvents } from '../documents/adapters/risk-events';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeReviewIssuanceRisk } from '../documents/app/risk-review';
import { db } from '../shared/aws/dynamo';
import { eventBridge, makeDomainEvents } from '../shared/aws/events';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  eventBus: required(ENV.domainEventBus),
  emittedEventsTable: required(ENV.emittedEventsTable),
});
const reviewIssuanceRisk = makeReviewIssuanceRisk({
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
  events: makeRiskEvents(makeDomainEvents({ client: eventBridge, busName: config.eventBus, marks: { db, tableName: config.emittedEventsTable } })),
  clock: () => new Date(),
});

// Invoked by the daily schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => reviewIssuanceRisk());

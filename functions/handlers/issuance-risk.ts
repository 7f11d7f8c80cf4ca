import * as z from 'zod';
import { makeDocumentStore } from '../documents/adapters/document-store';
import { loggedRiskEvents } from '../documents/adapters/risk-events-log';
import { makeTranslationJobStore } from '../documents/adapters/translation-jobs';
import { makeReviewIssuanceRisk } from '../documents/app/risk-review';
import { db } from '../shared/aws/dynamo';
import { readConfig, required } from '../shared/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({ documentsTable: required(ENV.documentsTable), translationJobsTable: required(ENV.translationJobsTable) });
const reviewIssuanceRisk = makeReviewIssuanceRisk({
  documents: makeDocumentStore({ db, tableName: config.documentsTable }),
  translationJobs: makeTranslationJobStore({ db, tableName: config.translationJobsTable }),
  // Until the event bus is wired in: the changes go to the log (and always to the history).
  events: loggedRiskEvents,
  clock: () => new Date(),
});

// Invoked by the daily schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => reviewIssuanceRisk());

// The translation hand-off as both its handlers use it (the step that opens a job, and the
// scheduled redelivery): one composition, so the two cannot drift apart.
import { makeDocumentStore } from '../../documents/adapters/document-store';
import { makeTranslationJobStore } from '../../documents/adapters/translation-jobs';
import { webhookTarget } from '../../documents/adapters/webhook-target';
import { makeTranslationHandoff } from '../../documents/app/translation-handoff';
import { makeWorkItemCallbacks } from '../../documents/app/work-item-callbacks';
import { translationJobKind } from '../../documents/app/work-item-kinds';
import { db } from '../../shared/aws/dynamo';
import { sfn } from '../../shared/aws/sfn';
import { makeTaskTokens } from '../../shared/aws/task-tokens';
import { makeWorkflow } from '../../shared/aws/workflow';
import { integer, optional, readConfig, required } from '../../shared/config';
import { ENV } from '../../shared/env-names';

const config = readConfig({
  documentsTable: required(ENV.documentsTable),
  translationJobsTable: required(ENV.translationJobsTable),
  taskTokensTable: required(ENV.taskTokensTable),
  timeoutDays: integer(ENV.translationTimeoutDays),
  maxAttempts: integer(ENV.maxTranslationAttempts),
  retryBaseSeconds: integer(ENV.translationWebhookRetrySeconds),
  secretMaxAgeSeconds: integer(ENV.translationWebhookSecretMaxAgeSeconds),
  webhookUrl: optional(ENV.translationWebhookUrl),
  signingSecretArn: optional(ENV.translationWebhookSecretArn),
});
const clock = () => new Date();
const documents = makeDocumentStore({ db, tableName: config.documentsTable });
const jobs = makeTranslationJobStore({ db, tableName: config.translationJobsTable });
export const translationHandoff = makeTranslationHandoff({
  documents,
  jobs,
  callbacks: makeWorkItemCallbacks({ store: jobs, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow: makeWorkflow(sfn), documents, clock, kind: translationJobKind }),
  webhook: webhookTarget(config.webhookUrl, config.signingSecretArn, config.secretMaxAgeSeconds),
  settings: config,
  clock,
});


// The translation hand-off as both its handlers use it (the step that opens a job, and the
// scheduled redelivery): one composition, so the two cannot drift apart.
import { makeTranslationJobStore } from '../../documents/adapters/translation-jobs';
import { webhookTarget } from '../../documents/adapters/webhook-target';
import { makeTranslationHandoff } from '../../documents/app/translation-handoff';
import { translationJobKind } from '../../documents/app/work-item-kinds';
import { integer, optional, readConfig } from './config';
import { ENV } from '../../shared/env-names';
import { composeWorkItems } from './work-items';

const { clock, documents, store: jobs, callbacks } = composeWorkItems(ENV.translationJobsTable, makeTranslationJobStore, translationJobKind);
const config = readConfig({
  timeoutDays: integer(ENV.translationTimeoutDays),
  maxAttempts: integer(ENV.maxTranslationAttempts),
  retryBaseSeconds: integer(ENV.translationWebhookRetrySeconds),
  secretMaxAgeSeconds: integer(ENV.translationWebhookSecretMaxAgeSeconds),
  webhookUrl: optional(ENV.translationWebhookUrl),
  signingSecretArn: optional(ENV.translationWebhookSecretArn),
});
export const translationHandoff = makeTranslationHandoff({
  documents,
  jobs,
  callbacks,
  webhook: webhookTarget(config.webhookUrl, config.signingSecretArn, config.secretMaxAgeSeconds),
  settings: config,
  clock,
});

/**
 * The environment variables the functions read, named once: infra sets them (AppFunction's
 * `reads`/`writes`, `environment`) and only the handlers read them, once at cold start (handlers/roots/config.ts),
 * so a renamed variable breaks the build, not a deployment.
 */
export const ENV = {
  documentsTable: 'DOCUMENTS_TABLE',
  translationJobsTable: 'TRANSLATION_JOBS_TABLE',
  editingTasksTable: 'EDITING_TASKS_TABLE',
  printJobsTable: 'PRINT_JOBS_TABLE',
  taskTokensTable: 'TASK_TOKENS_TABLE',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  accountTable: 'ACCOUNT_TABLE',
  documentPipelineArn: 'DOCUMENT_PIPELINE_ARN',
  contributionIntakeArn: 'CONTRIBUTION_INTAKE_ARN',
  iatiReportingOrgRef: 'IATI_REPORTING_ORG_REF',
  translationTimeoutDays: 'TRANSLATION_TIMEOUT_DAYS',
  maxTranslationAttempts: 'MAX_TRANSLATION_ATTEMPTS',
  translationWebhookUrl: 'TRANSLATION_WEBHOOK_URL',
  translationWebhookSecretArn: 'TRANSLATION_WEBHOOK_SECRET_ARN',
  translationWebhookSecretMaxAgeSeconds: 'TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS',
  translationWebhookRetrySeconds: 'TRANSLATION_WEBHOOK_RETRY_SECONDS',
  domainEventBus: 'DOMAIN_EVENT_BUS',
  emittedEventsTable: 'EMITTED_EVENTS_TABLE',
  /** JSON `{<language>: words per week}`, all six languages (infra/capacity.ts). */
  translationCapacity: 'TRANSLATION_CAPACITY_WORDS_PER_WEEK',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

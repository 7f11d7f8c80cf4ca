/**
 * The business facts the functions count, as CloudWatch metrics in METRICS_NAMESPACE, each
 * with the handlers that emit it: Powertools gives every metric the dimension `service` = the
 * handler's POWERTOOLS_SERVICE_NAME. Free of imports: the CDK app reads the same table for its
 * dashboard and alarms (which name their metrics exactly: a SEARCH only finds metrics with data
 * in the last two weeks, too short for the account's quiet months).
 */
/** The CloudWatch namespace of the business metrics. */
export const METRICS_NAMESPACE = 'UNODC/Secretariat';

export const BUSINESS_METRICS = {
  DocumentSubmitted: ['documents'],
  DocumentWithdrawn: ['documents'],
  DocumentPublished: ['publication-step'],
  /** By the failure step, or by the reconciler for a document whose execution ended without it. */
  DocumentFailed: ['document-failure', 'document-reconciler'],
  TranslationJobOpened: ['translation-handoff'],
  TranslationJobCompleted: ['translation-jobs'],
  /** Failed by the translation service, or expired (the handoff closes it when offering the work again). */
  TranslationJobFailed: ['translation-jobs', 'translation-handoff'],
  /** With a second dimension `decision`: approve or revise. */
  EditingDecision: ['editing-tasks'],
  PrintJobCompleted: ['print-jobs'],
  ContributionReported: ['account-contributions'],
  ContributionConfirmed: ['account-contributions'],
  ContributionRejected: ['account-contributions'],
  /** The USD value of a confirmed contribution (unit None: CloudWatch has no currency unit). */
  ReceivedUsd: ['account-contributions'],
  ReceiptIssued: ['account-contributions'],
  /** A translation webhook delivery that got a 2xx. */
  WebhookDelivered: ['translation-handoff', 'translation-redelivery'],
  /** A translation webhook delivery that got no 2xx. */
  WebhookDeliveryFailed: ['translation-handoff', 'translation-redelivery'],
  /** A webhook URL is configured but its signing secret is empty: nothing is sent. */
  WebhookDeliveryRefused: ['translation-handoff', 'translation-redelivery'],
  /** Something a crash or a race left behind, healed by a reconciler (metadata `repair` says what). */
  RepairMade: ['document-reconciler', 'contribution-reconciler'],
  /** A gauge, after every redelivery run: jobs whose webhook delivery is still pending. */
  WebhookDeliveriesPending: ['translation-redelivery'],
} as const satisfies Record<string, readonly string[]>;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** The dimension EditingDecision carries besides `service`. */
export const EDITING_DECISIONS = ['approve', 'revise'] as const;

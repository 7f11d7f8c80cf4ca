import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusinessMetric, EDITING_DECISIONS } from './metric-names';
import { metrics } from './observability';

/**
 * Business facts, counted where they happen and only when they are new (a replayed request or
 * callback finds its fact already there and counts nothing). The wrappers flush them as EMF at
 * the end of the invocation. `ids` go along as EMF metadata: searchable in the function's logs,
 * not dimensions (one time series per fact, not per document).
 */
export function countFact(name: Exclude<BusinessMetric, 'ReceivedUsd' | 'EditingDecision' | 'WebhookDeliveriesPending'>, ids: Record<string, string> = {}): void {
  metrics.addMetric(name, MetricUnit.Count, 1);
  for (const [key, value] of Object.entries(ids)) metrics.addMetadata(key, value);
}

/** Jobs whose webhook delivery is still pending after a redelivery run: above 0 for an hour is an alarm. */
export function recordPendingDeliveries(count: number): void {
  metrics.addMetric('WebhookDeliveriesPending', MetricUnit.Count, count);
}

/** A confirmed contribution's value in USD (a decimal string, as the ledger keeps it). */
export function recordReceivedUsd(amountUsd: string, ids: Record<string, string>): void {
  metrics.addMetric('ReceivedUsd', MetricUnit.NoUnit, Number(amountUsd));
  for (const [key, value] of Object.entries(ids)) metrics.addMetadata(key, value);
}

/** An editor's decision, with the decision as a dimension (approvals and revisions apart on the dashboard). */
export function countEditingDecision(decision: (typeof EDITING_DECISIONS)[number], ids: Record<string, string>): void {
  const single = metrics.singleMetric();
  single.addDimension('decision', decision);
  for (const [key, value] of Object.entries(ids)) single.addMetadata(key, value);
  single.addMetric('EditingDecision', MetricUnit.Count, 1);
}

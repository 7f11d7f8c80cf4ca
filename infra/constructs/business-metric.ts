import { Duration } from 'aws-cdk-lib';
import { type IMetric, MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { BUSINESS_METRICS, type BusinessMetric, METRICS_NAMESPACE } from '../../functions/shared/metric-names';

/**
 * A business metric, summed over the services that emit it (functions/shared/metric-names.ts);
 * a gauge such as WebhookDeliveriesPending takes another statistic (one emitting service).
 */
export function businessMetric(name: BusinessMetric, period = Duration.hours(1), label: string = name, dimensions: Record<string, string> = {}, statistic: string = Stats.SUM): IMetric {
  const services: readonly string[] = BUSINESS_METRICS[name];
  const metric = (service: string) => new Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service, ...dimensions }, statistic, period, label });
  if (services.length === 1) return metric(services[0]);
  // Ids unique across a graph's expressions: a widget may show several such sums.
  const id = (index: number) => `${name.charAt(0).toLowerCase()}${name.slice(1)}${index}`;
  const usingMetrics = Object.fromEntries(services.map((service, index) => [id(index), metric(service)]));
  return new MathExpression({ expression: Object.keys(usingMetrics).map((key) => `FILL(${key}, 0)`).join(' + '), usingMetrics, period, label });
}

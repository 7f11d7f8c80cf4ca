import { METRICS_NAMESPACE } from '../../functions/shared/metric-names';
import { eventually } from './stack';

/**
 * The business metrics a stack printed: CloudWatch EMF records, one JSON line each, on the
 * stdout of the embedded stack (the functions print them there as they would in Lambda).
 */
export interface EmfRecord {
  service: string;
  /** Metric name → how much it adds (a record may carry several values of one metric). */
  values: Record<string, number>;
  /** Dimensions besides `service`, and metadata (the ids of what the fact is about). */
  fields: Record<string, unknown>;
}

interface EmfLine {
  _aws?: { CloudWatchMetrics?: { Namespace: string; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

export function emfRecords(output: readonly string[]): EmfRecord[] {
  return output
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine)
    .filter((line) => line._aws?.CloudWatchMetrics?.some((directive) => directive.Namespace === METRICS_NAMESPACE))
    .map((line) => {
      const names = line._aws!.CloudWatchMetrics!.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
      const values = Object.fromEntries(names.map((name) => {
        const value = line[name];
        return [name, Array.isArray(value) ? value.reduce((sum: number, item) => sum + Number(item), 0) : Number(value)];
      }));
      const { _aws, service, ...fields } = line;
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- an EMF record is a map of names
      for (const name of names) delete fields[name];
      return { service: String(service), values, fields };
    });
}

/** How much `metric` the records add up to, among those whose fields match `where`. */
export function total(records: readonly EmfRecord[], metric: string, where: Record<string, unknown> = {}): number {
  return records
    .filter((record) => Object.entries(where).every(([key, value]) => record.fields[key] === value))
    .reduce((sum, record) => sum + (record.values[metric] ?? 0), 0);
}

/** Waits until the stack has printed records adding up to at least `atLeast` of `metric` (matching `where`). */
export function printedAtLeast(output: readonly string[], metric: string, atLeast: number, where: Record<string, unknown> = {}): Promise<EmfRecord[]> {
  return eventually(async () => {
    const records = emfRecords(output);
    return total(records, metric, where) >= atLeast ? records : undefined;
  }, `${atLeast} ${metric} in the stack's EMF output`);
}

import { type AwsJsonEndpoint, AwsServiceError, fields, startAwsJsonEndpoint } from '../aws-json-endpoint';
import { ACCOUNT, REGION } from '../intrinsics';
import { EventStore } from './store';

export interface EventBridgeServer extends AwsJsonEndpoint {
  store: EventStore;
}

interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number;
  Resources?: string[];
}

const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
/** EventBridge's limit on one entry (and on the whole request). */
const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * Checks one entry as EventBridge does: a refused entry gets its ErrorCode and the others go on
 * (FailedEntryCount says how many were refused).
 */
function refusal(entry: PutEventsEntry): { ErrorCode: string; ErrorMessage: string } | undefined {
  if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Entry is over 256 KB.' };
  return undefined;
}

/**
 * EventBridge for the embedded stack, over the AWS JSON 1.1 protocol that
 * @aws-sdk/client-eventbridge and the AWS CLI (`aws events put-events`) speak: PutEvents on the
 * template's buses (and `default`), DescribeEventBus and ListEventBuses. Rules and their targets
 * are not run: what was put is kept in `<dataDir>/eventbridge/events.jsonl` (store.ts), which is
 * how operators and tests see it. Like the other local endpoints it does not check signatures.
 */
export async function startEventBridgeServer(options: { dir: string; buses: string[]; port: number; host?: string }): Promise<EventBridgeServer> {
  const store = EventStore.open(options.dir);
  const buses = new Set(['default', ...options.buses]);
  const busOf = (nameOrArn: string | undefined) => {
    const name = (nameOrArn ?? 'default').split('event-bus/').pop() ?? 'default';
    if (!buses.has(name)) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return name;
  };
  const operations = {
    PutEvents: (body: Record<string, unknown>) => {
      const { Entries: entries } = fields<{ Entries?: PutEventsEntry[] }>(body, { Entries: 'array' });
      if (!entries || entries.length < 1 || entries.length > 10) {
        throw new AwsServiceError('ValidationException', "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10");
      }
      const results = entries.map((entry) => {
        const name = busOf(entry.EventBusName);
        const refused = refusal(entry);
        if (refused) return refused;
        const stored = store.append({
          busName: name,
          source: String(entry.Source),
          detailType: String(entry.DetailType),
          detail: JSON.parse(String(entry.Detail)),
          ...(typeof entry.Time === 'number' ? { time: new Date(entry.Time * 1000) } : {}),
          resources: entry.Resources ?? [],
        });
        return { EventId: stored.id };
      });
      return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
    },
    DescribeEventBus: (body: Record<string, unknown>) => {
      const name = busOf(fields<{ Name?: string }>(body, { Name: 'string' }).Name);
      return { Name: name, Arn: busArn(name) };
    },
    ListEventBuses: () => ({ EventBuses: [...buses].map((name) => ({ Name: name, Arn: busArn(name) })) }),
  };
  const endpoint = await startAwsJsonEndpoint(
    { targetPrefix: 'AWSEvents.', contentType: 'application/x-amz-json-1.1', maxBodyBytes: 1024 * 1024, internalError: 'InternalException', messageField: 'message', operations },
    { port: options.port, host: options.host ?? '127.0.0.1' },
  );
  return { ...endpoint, store };
}

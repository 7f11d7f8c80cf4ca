import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACCOUNT, REGION } from '../intrinsics';

/** An event as EventBridge delivers it to a rule's target (the shape a subscriber sees). */
export interface DeliveredEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  /** Not in AWS's delivery: which bus it was put on. */
  'event-bus-name': string;
}

/** The file every accepted event is appended to, one JSON line each, under the stack's data directory. */
export const EVENTS_FILE = 'events.jsonl';

/**
 * What was put on the embedded stack's buses, kept in `<dataDir>/eventbridge/events.jsonl`: one
 * line per accepted entry, appended (never rewritten), in the shape a rule's target receives.
 * Operators and tests read it (`tail -f`, `jq`); it survives restarts.
 */
export class EventStore {
  private constructor(private readonly file: string) {}

  static open(dir: string): EventStore {
    mkdirSync(dir, { recursive: true });
    return new EventStore(path.join(dir, EVENTS_FILE));
  }

  append(entry: { busName: string; source: string; detailType: string; detail: unknown; time?: Date; resources: string[] }): DeliveredEvent {
    const event: DeliveredEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: ACCOUNT,
      time: (entry.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: REGION,
      resources: entry.resources,
      detail: entry.detail,
      'event-bus-name': entry.busName,
    };
    appendFileSync(this.file, `${JSON.stringify(event)}\n`);
    return event;
  }

  all(): DeliveredEvent[] {
    if (!existsSync(this.file)) return [];
    return readEvents(readFileSync(this.file, 'utf8'));
  }
}

/** Parses the events file; a last line cut short by a crash is left out. */
export function readEvents(text: string): DeliveredEvent[] {
  const events: DeliveredEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as DeliveredEvent);
    } catch {
      // a torn last line
    }
  }
  return events;
}

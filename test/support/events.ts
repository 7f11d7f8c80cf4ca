import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type DeliveredEvent, EVENTS_FILE, readEvents } from '../../local/eventbridge/store';
import type { LocalStack } from './stack';

/** What the embedded stack's EventBridge kept of the events put on its buses (local/eventbridge/store.ts). */
export function eventsPut(stack: LocalStack): DeliveredEvent[] {
  try {
    return readEvents(readFileSync(path.join(stack.dataDir, 'eventbridge', EVENTS_FILE), 'utf8'));
  } catch {
    return [];
  }
}

/** The events of one record: those whose detail names it (documentId, contributionId, pledgeId). */
export function eventsAbout(stack: LocalStack, id: string): { type: string; detail: Record<string, unknown> }[] {
  return eventsPut(stack)
    .map((event) => ({ type: event['detail-type'], detail: event.detail as Record<string, unknown> }))
    .filter(({ detail }) => [detail.documentId, detail.contributionId, detail.pledgeId].includes(id));
}

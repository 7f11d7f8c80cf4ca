import { randomBytes } from 'node:crypto';
import type { Page } from '../../shared/aws/paging';
import { NotFound } from '../../shared/errors';
import type { SessionStore } from '../adapters/session-store';
import { defaultTargets } from '../core/document';
import type { SessionPlanning, SessionView, SlotForecast, SlotView } from '../core/session';
import type { Clock } from './ports';

/** Slot ids sort in the order slots were forecast: the time in base 36, then randomness. */
const newSlotId = (now: Date) => `sl-${now.getTime().toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;

/** Planning a session: the session itself and the forecast of its documents (slots). */
export function makeSessionPlanning({ sessions, clock }: { sessions: Omit<SessionStore, 'fillSlot' | 'releaseSlot'>; clock: Clock }) {
  async function planSession(code: string, planning: SessionPlanning): Promise<SessionView> {
    return sessions.putSession(code, planning, clock().toISOString());
  }

  async function readSession(code: string): Promise<SessionView> {
    const session = await sessions.getSession(code);
    if (!session) throw new NotFound(`No session ${code}`);
    return session;
  }

  async function forecastSlot(code: string, forecast: SlotForecast): Promise<SlotView> {
    await readSession(code);
    const now = clock();
    const at = now.toISOString();
    const slot: SlotView = {
      ...forecast,
      slotId: newSlotId(now),
      session: code,
      targetLanguages: forecast.targetLanguages ?? defaultTargets(forecast.originalLanguage),
      status: 'forecast',
      createdAt: at,
      updatedAt: at,
    };
    await sessions.insertSlot(slot);
    return slot;
  }

  async function listSlots(code: string, limit: number, cursor: string | undefined): Promise<Page<SlotView>> {
    await readSession(code);
    return sessions.listSlots(code, limit, cursor);
  }

  return { planSession, readSession, forecastSlot, listSlots };
}

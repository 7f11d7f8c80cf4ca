import * as z from 'zod';
import type { RouteSpec } from '../shared/http/route';
import { Cursor, Limit, pageOf } from '../shared/http/schemas';
import { SessionPlan } from './core/plan';
import { SessionCode, SessionPlanning, SessionView, SlotForecast, SlotView } from './core/session';

/** Planning is the secretariat's (conference management); editors read it to see what is coming. */
const reads = ['secretariat', 'editor'] as const;
const SessionParams = z.strictObject({ code: SessionCode });

export const planSession = {
  method: 'PUT', path: '/sessions/{code}', lambda: 'sessions', access: ['secretariat'],
  summary: 'Plan a session (create or replace its title, dates and venue)',
  params: SessionParams, body: SessionPlanning, success: { status: 200, schema: SessionView }, problems: [413],
} as const satisfies RouteSpec;

export const getSession = {
  method: 'GET', path: '/sessions/{code}', lambda: 'sessions', access: reads, summary: 'Read a planned session',
  params: SessionParams, success: { status: 200, schema: SessionView }, problems: [404],
} as const satisfies RouteSpec;

export const forecastSlot = {
  method: 'POST', path: '/sessions/{code}/slots', lambda: 'sessions', access: ['secretariat'], idempotent: true,
  summary: 'Forecast a document of the session (a slot): expected words and submission date',
  params: SessionParams, body: SlotForecast, success: { status: 201, schema: SlotView }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const listSlots = {
  method: 'GET', path: '/sessions/{code}/slots', lambda: 'sessions', access: reads, summary: 'The session\'s slots, in the order they were forecast',
  params: SessionParams, query: z.strictObject({ limit: Limit, cursor: Cursor }), success: { status: 200, schema: pageOf(SlotView) }, problems: [404],
} as const satisfies RouteSpec;

export const sessionPlan = {
  method: 'GET', path: '/sessions/{code}/plan', lambda: 'sessions', access: reads,
  summary: 'The session\'s plan: every slot and document with its risk and reasons, weekly workload per language against capacity, compliance',
  params: SessionParams, success: { status: 200, schema: SessionPlan }, problems: [404],
} as const satisfies RouteSpec;

export const sessionRoutes: RouteSpec[] = [planSession, getSession, forecastSlot, listSlots, sessionPlan];

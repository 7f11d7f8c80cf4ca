import { NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import type { MonthRates } from '../core';
import { type MonthRateHistory, readMonthRates, recordRatePut } from '../adapters/rates';

export interface RateTableView extends MonthRates {
  /** Every accepted PUT, oldest first: what was set, when and by whom. */
  history: { rates: Record<string, string>; effectiveFrom?: string; recordedAt: string; recordedBy: string }[];
}

function view(month: string, { table, puts }: MonthRateHistory): RateTableView {
  if (!table) throw new NotFound(`No exchange rates for ${month}`);
  return {
    ...table,
    history: puts.map(({ update, recordedAt, recordedBy }) => ({
      rates: update.rates,
      ...(update.effectiveFrom !== undefined && { effectiveFrom: update.effectiveFrom }),
      recordedAt,
      recordedBy,
    })),
  };
}

export async function setRates(caller: Caller, month: string, body: { rates: Record<string, string>; effectiveFrom?: string }, now: Date): Promise<RateTableView> {
  const update = { month, rates: body.rates, ...(body.effectiveFrom !== undefined && { effectiveFrom: body.effectiveFrom }) };
  return view(month, await recordRatePut({ update, recordedAt: now.toISOString(), recordedBy: caller.subject }));
}

export async function readRates(month: string): Promise<RateTableView> {
  return view(month, await readMonthRates(month));
}

/** The rate table of the month of `date` (undefined if none: the core then names the missing rate). */
export async function ratesOfMonthOf(date: string): Promise<MonthRates | undefined> {
  return (await readMonthRates(date.slice(0, 7))).table;
}

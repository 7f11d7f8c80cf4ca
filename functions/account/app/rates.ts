import { NotFound } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import type { MonthRates } from '../core';
import type { MonthRateHistory, RateStore } from '../adapters/rates';
import type { Clock } from './ports';

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

/** The month's rate table as finance sets and reads it. */
export function makeRates({ rates, clock }: { rates: RateStore; clock: Clock }) {
  return {
    async setRates(caller: Caller, month: string, body: { rates: Record<string, string>; effectiveFrom?: string }): Promise<RateTableView> {
      const update = { month, rates: body.rates, ...(body.effectiveFrom !== undefined && { effectiveFrom: body.effectiveFrom }) };
      return view(month, await rates.recordRatePut({ update, recordedAt: clock().toISOString(), recordedBy: caller.subject }));
    },
    readRates: async (month: string): Promise<RateTableView> => view(month, await rates.readMonthRates(month)),
  };
}

/** The rate table of the month of `date` (undefined if none: the core then names the missing rate). */
export async function ratesOfMonthOf(rates: RateStore, date: string): Promise<MonthRates | undefined> {
  return (await rates.readMonthRates(date.slice(0, 7))).table;
}

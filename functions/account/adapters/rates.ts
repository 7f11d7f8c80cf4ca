import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { queryAll } from '../../shared/aws/paging';
import { Conflict } from '../../shared/errors';
import { type MonthRates, type RateUpdate, applyRateUpdate, replayRateUpdate } from '../core';
import { seqKey } from './account-table';

/**
 * A month's UN operational rates, kept as the history of the PUTs that set them (`rates#<month>`,
 * `put#<seq>`, each written once). The table in force is the core's fold of that history, so a
 * revision never erases what was in force before it, and amounts already recorded keep the rate
 * they were recorded with.
 */
export interface RatePut {
  update: RateUpdate;
  recordedAt: string;
  recordedBy: string;
}

export interface MonthRateHistory {
  /** Undefined when the month has no rates yet. */
  table: MonthRates | undefined;
  puts: RatePut[];
}

const MAX_ATTEMPTS = 8;
const partition = (month: string) => `rates#${month}`;

function fold(items: Record<string, unknown>[]): MonthRateHistory {
  const puts = items.map(({ update, recordedAt, recordedBy }) => ({ update, recordedAt, recordedBy }) as RatePut);
  return { table: puts.reduce<MonthRates | undefined>((table, put) => replayRateUpdate(table, put.update), undefined), puts };
}

/** The months' rate histories; DynamoDB below, memory in the unit tests. */
export interface RateStore {
  readMonthRates(month: string): Promise<MonthRateHistory>;
  /**
   * Records a PUT unless it changes nothing (a repeated PUT is not history); the conditional put
   * on the next sequence number orders concurrent PUTs, the loser folds again on top of the winner.
   */
  recordRatePut(put: RatePut): Promise<MonthRateHistory>;
}

export function makeRateStore({ db, tableName: TableName }: StoreOptions): RateStore {
  const readPuts = (month: string): Promise<Record<string, unknown>[]> =>
    queryAll({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition(month) }, ConsistentRead: true }, db);

  return {
    readMonthRates: async (month) => fold(await readPuts(month)),

    async recordRatePut(put) {
      const { month } = put.update;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const items = await readPuts(month);
        const current = fold(items);
        const next = applyRateUpdate(current.table, put.update);
        if (current.table && JSON.stringify(next) === JSON.stringify(current.table)) return current;
        const item = { pk: partition(month), sk: `put#${seqKey(items.length + 1)}`, ...put };
        if (await conditionally(() => db.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })))) {
          return { table: next, puts: [...current.puts, put] };
        }
      }
      throw new Conflict(`The rates of ${month} are being changed by someone else; retry`);
    },
  };
}

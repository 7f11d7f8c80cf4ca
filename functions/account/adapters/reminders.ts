import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { type Page, queryPage } from '../../shared/aws/paging';
import type { REMINDER_TYPES } from '../schemas';
import { INDEX } from './account-table';

export type ReminderType = (typeof REMINDER_TYPES)[number];

/** Something finance should act on, raised once per `reminderId` by the intake workflow or the overdue job. */
export interface Reminder {
  reminderId: string;
  type: ReminderType;
  donorId: string;
  contributionId?: string;
  pledgeId?: string;
  /** The overdue installment's due date. */
  dueOn?: string;
  /** The amount concerned, in `currency`. */
  amount?: string;
  currency?: string;
  /** For an unconfirmed contribution: how many reminder periods it has waited. */
  round?: number;
  raisedAt: string;
  message: string;
}

const STORAGE_ONLY = ['pk', 'sk', 'kind', 'order'];

/** Reminders for finance; DynamoDB below, memory in the unit tests. */
export interface ReminderStore {
  /** Raises a reminder unless one with its id exists (a retried step or a later run raises nothing new). */
  raise(reminder: Reminder): Promise<boolean>;
  /** Reminders, newest first, optionally of one type. */
  list(type: ReminderType | undefined, limit: number, cursor: string | undefined): Promise<Page<Reminder>>;
}

export function makeReminderStore({ db, tableName: TableName }: StoreOptions): ReminderStore {
  return {
    raise: (reminder) =>
      conditionally(() =>
        db.send(
          new PutCommand({
            TableName,
            Item: { pk: `reminder#${reminder.reminderId}`, sk: 'reminder', kind: 'reminder', order: `${reminder.raisedAt}#${reminder.reminderId}`, ...reminder },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),
    list: (type, limit, cursor) =>
      queryPage(
        {
          TableName,
          IndexName: INDEX.byKind,
          KeyConditionExpression: 'kind = :kind',
          ScanIndexForward: false,
          ...(type !== undefined && { FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' } }),
          ExpressionAttributeValues: { ':kind': 'reminder', ...(type !== undefined && { ':type': type }) },
        },
        limit,
        cursor,
        (item) => Object.fromEntries(Object.entries(item).filter(([field]) => !STORAGE_ONLY.includes(field))) as unknown as Reminder,
        db,
      ),
  };
}

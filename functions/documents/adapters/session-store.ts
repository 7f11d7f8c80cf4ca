import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { type Page, queryAll, queryPage } from '../../shared/aws/paging';
import type { SessionPlanning, SessionView, SlotView } from '../core/session';

/**
 * Sessions and their slots live in the documents table, beside the documents they forecast:
 * - `session#<code>` / `session`: the session (kind `session` in the byKind index, which the
 *   document list reads only for kind `document`);
 * - `session#<code>` / `slot#<slotId>`: a slot, so one Query reads a session's slots, and a
 *   slot id named with another session's code finds nothing (a 409 at submission).
 * A slot keeps its status as `slotStatus`: it never enters the byStatus index of documents.
 * Filling a slot is one conditional update (`slotStatus = forecast`), so two submissions
 * can never fill the same slot.
 */
const sessionKey = (code: string) => ({ pk: `session#${code}`, sk: 'session' });
const slotKey = (code: string, slotId: string) => ({ pk: `session#${code}`, sk: `slot#${slotId}` });

function toSession(item: Record<string, unknown>): SessionView {
  const { pk: _pk, sk: _sk, kind: _kind, ...session } = item;
  return session as SessionView;
}

function toSlot(item: Record<string, unknown>): SlotView {
  const { pk: _pk, sk: _sk, slotStatus, ...slot } = item;
  return { ...slot, status: slotStatus } as SlotView;
}

export function makeSessionStore({ db, tableName: TableName }: StoreOptions) {
  /** Creates or replaces the session's planning; its creation time stays. */
  async function putSession(code: string, planning: SessionPlanning, at: string): Promise<SessionView> {
    const names: Record<string, string> = { '#title': 'title', '#startsOn': 'startsOn', '#endsOn': 'endsOn', '#venue': 'venue' };
    const values: Record<string, unknown> = { ':code': code, ':kind': 'session', ':title': planning.title, ':startsOn': planning.startsOn, ':at': at };
    const sets = ['code = :code', 'kind = :kind', '#title = :title', '#startsOn = :startsOn', 'updatedAt = :at', 'createdAt = if_not_exists(createdAt, :at)'];
    const removes: string[] = [];
    for (const field of ['endsOn', 'venue'] as const) {
      const value = planning[field];
      if (value === undefined) removes.push(`#${field}`);
      else {
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
    }
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName,
        Key: sessionKey(code),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toSession(Attributes ?? {});
  }

  async function getSession(code: string): Promise<SessionView | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: sessionKey(code), ConsistentRead: true }));
    return Item ? toSession(Item) : undefined;
  }

  /** Every planned session (the daily review and the plan read few: a handful a year). */
  async function allSessions(): Promise<SessionView[]> {
    const items = await queryAll({ TableName, IndexName: 'byKind', KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': 'session' } }, db);
    return items.map(toSession);
  }

  async function insertSlot(slot: SlotView): Promise<void> {
    const { status, ...rest } = slot;
    await db.send(new PutCommand({ TableName, Item: { ...slotKey(slot.session, slot.slotId), ...rest, slotStatus: status }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async function getSlot(code: string, slotId: string): Promise<SlotView | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: slotKey(code, slotId), ConsistentRead: true }));
    return Item ? toSlot(Item) : undefined;
  }

  const slotQuery = (code: string) => ({
    TableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
    ExpressionAttributeValues: { ':pk': `session#${code}`, ':slot': 'slot#' },
  });

  /** Slots in the order they were forecast (their ids sort by creation). */
  function listSlots(code: string, limit: number, cursor: string | undefined): Promise<Page<SlotView>> {
    return queryPage(slotQuery(code), limit, cursor, toSlot, db);
  }

  async function allSlots(code: string): Promise<SlotView[]> {
    return (await queryAll(slotQuery(code), db)).map(toSlot);
  }

  /**
   * Links a forecast slot to its document; `false` when it is not (or no longer) a forecast.
   * With `takingOver`, the slot may instead still hold that (never written) document.
   */
  function fillSlot(code: string, slotId: string, documentId: string, at: string, takingOver?: string): Promise<boolean> {
    return conditionally(() =>
      db.send(
        new UpdateCommand({
          TableName,
          Key: slotKey(code, slotId),
          UpdateExpression: 'SET slotStatus = :submitted, documentId = :document, submittedAt = :at, updatedAt = :at',
          ConditionExpression: `attribute_exists(pk) AND (slotStatus = :forecast${takingOver ? ' OR documentId = :previous' : ''})`,
          ExpressionAttributeValues: { ':submitted': 'submitted', ':forecast': 'forecast', ':document': documentId, ':at': at, ...(takingOver ? { ':previous': takingOver } : {}) },
        }),
      ),
    );
  }

  /** Gives a slot back to the forecast, if this document holds it (its submission could not start). */
  async function releaseSlot(code: string, slotId: string, documentId: string, at: string): Promise<void> {
    await conditionally(() =>
      db.send(
        new UpdateCommand({
          TableName,
          Key: slotKey(code, slotId),
          UpdateExpression: 'SET slotStatus = :forecast, updatedAt = :at REMOVE documentId, submittedAt',
          ConditionExpression: 'documentId = :document',
          ExpressionAttributeValues: { ':forecast': 'forecast', ':document': documentId, ':at': at },
        }),
      ),
    );
  }

  return { putSession, getSession, allSessions, insertSlot, getSlot, listSlots, allSlots, fillSlot, releaseSlot };
}

export type SessionStore = ReturnType<typeof makeSessionStore>;

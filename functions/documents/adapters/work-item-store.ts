import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, ifConditionHolds } from '../../shared/aws/conditional';
import { type Page, queryAll, queryCount, queryPage } from '../../shared/aws/paging';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { updateExpression } from '../../shared/aws/update-expression';

export interface WorkItem {
  status: string;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

/** What the use cases need of a kind of work item; DynamoDB below, memory in the unit tests. */
export interface WorkItemStore<T extends WorkItem> {
  /** Creates the item unless it exists; returns the stored one either way. */
  create(item: T): Promise<{ item: T; created: boolean }>;
  get(id: string): Promise<T | undefined>;
  /** Moves an item out of `from` into `to`, setting `fields`; `undefined` if it was not in `from`. */
  /** `unlessNoted`: not if the item has that field (a note another call left meanwhile). */
  transition(id: string, from: string, to: string, fields: Record<string, unknown>, unlessNoted?: string): Promise<T | undefined>;
  /** Sets bookkeeping fields (and removes others) without touching the status. */
  annotate(id: string, set: Record<string, unknown>, remove?: string[]): Promise<void>;
  count(indexName: string, partitionField: string, partition: string): Promise<number>;
  due(indexName: string, partitionField: string, partition: string, sortField: string, upTo: string, limit: number): Promise<T[]>;
  list(status: string, limit: number, cursor: string | undefined, orderPrefix?: string): Promise<Page<T>>;
  forDocument(documentId: string): Promise<T[]>;
}

/**
 * Storage of one kind of work item (translation jobs, editing tasks, print jobs): items keyed
 * by their id, GSI `byStatus` (status + listOrder) for the open-work lists and `byDocument`
 * for closing a document's work. Every status change is a conditional update.
 */
export function makeWorkItemStore<T extends WorkItem>({ db, tableName: TableName }: StoreOptions, idField: keyof T & string, listOrder: (item: T) => string = (item) => item.createdAt): WorkItemStore<T> {
  const strip = (item: Record<string, unknown>): T => {
    const { listOrder: _order, ...rest } = item;
    return rest as unknown as T;
  };

  return {
    /** Creates the item unless it exists; returns the stored one either way. */
    async create(item: T): Promise<{ item: T; created: boolean }> {
      const created = await conditionally(() =>
        db.send(new PutCommand({ TableName, Item: { ...item, listOrder: listOrder(item) }, ConditionExpression: `attribute_not_exists(${idField})` })),
      );
      if (created) return { item, created };
      const existing = await this.get(String(item[idField]));
      if (!existing) throw new Error(`${idField} ${String(item[idField])} vanished after a conflicting create`);
      return { item: existing, created };
    },

    /** Consistent: every caller decides a write on what it reads (a callback, a hand-off finding its item). */
    async get(id: string): Promise<T | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: { [idField]: id }, ConsistentRead: true }));
      return Item ? strip(Item) : undefined;
    },

    /** Moves an item out of `from` into `to`, setting `fields`; `undefined` if it was not in `from`. */
    async transition(id: string, from: string, to: string, fields: Record<string, unknown>, unlessNoted?: string): Promise<T | undefined> {
      const update = updateExpression().set('status', to).setAll(fields).exists(idField).equals('status', from);
      if (unlessNoted !== undefined) update.notExists(unlessNoted);
      const moved = await ifConditionHolds(() => db.send(new UpdateCommand({ TableName, Key: { [idField]: id }, ...update.build(), ReturnValues: 'ALL_NEW' })));
      return moved?.Attributes ? strip(moved.Attributes) : undefined;
    },

    /** Sets bookkeeping fields (and removes others) without touching the status. */
    async annotate(id: string, set: Record<string, unknown>, remove: string[] = []): Promise<void> {
      const update = updateExpression().setAll(set).remove(...remove).exists(idField);
      await conditionally(() => db.send(new UpdateCommand({ TableName, Key: { [idField]: id }, ...update.build() })));
    },

    /** How many items a sparse index holds in one partition (e.g. deliveries still pending). */
    count(indexName: string, partitionField: string, partition: string): Promise<number> {
      return queryCount({ TableName, IndexName: indexName, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': partitionField }, ExpressionAttributeValues: { ':p': partition } }, db);
    },

    /** Items of a sparse index whose sort key is at most `upTo` (e.g. deliveries due by now). */
    async due(indexName: string, partitionField: string, partition: string, sortField: string, upTo: string, limit: number): Promise<T[]> {
      const page = await queryPage(
        {
          TableName,
          IndexName: indexName,
          KeyConditionExpression: '#p = :p AND #s <= :upTo',
          ExpressionAttributeNames: { '#p': partitionField, '#s': sortField },
          ExpressionAttributeValues: { ':p': partition, ':upTo': upTo },
        },
        limit,
        undefined,
        strip,
        db,
      );
      return page.items;
    },

    list(status: string, limit: number, cursor: string | undefined, orderPrefix?: string): Promise<Page<T>> {
      return queryPage(
        {
          TableName,
          IndexName: 'byStatus',
          KeyConditionExpression: orderPrefix ? '#status = :status AND begins_with(listOrder, :prefix)' : '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ...(orderPrefix ? { ':prefix': orderPrefix } : {}) },
        },
        limit,
        cursor,
        strip,
        db,
      );
    },

    async forDocument(documentId: string): Promise<T[]> {
      const items = await queryAll({ TableName, IndexName: 'byDocument', KeyConditionExpression: 'documentId = :d', ExpressionAttributeValues: { ':d': documentId } }, db);
      return items.map(strip);
    },
  };
}

import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../functions/shared/aws/conditional';
import { queryItems, scanItems } from '../../functions/shared/aws/pages';
import { updateExpression } from '../../functions/shared/aws/update-expression';
import { ensureTable } from './tables';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  /** The input as given (a JSON document). */
  input: string;
  status: ExecutionStatus;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

export type ExecutionClose = Pick<ExecutionRecord, 'output' | 'error' | 'cause'> & {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  stopDate: number;
};

export type TokenStatus = 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** The outcome of a callback task, stored on its token once it is known. */
export type TokenOutcome =
  | { status: 'SUCCEEDED'; output: string }
  | { status: 'FAILED' | 'TIMED_OUT'; error: string; cause?: string };

export interface TokenRecord {
  token: string;
  executionArn: string;
  stateName: string;
  /** Epoch ms when the task first started: timeouts count from here, across restarts. */
  createdAt: number;
  /** Epoch ms of the last heartbeat (createdAt until one arrives). */
  lastHeartbeat: number;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  status: TokenStatus;
  output?: string;
  error?: string;
  cause?: string;
  closedAt?: number;
}

const EXEC = 'EXEC#';
const TOKEN = 'TOKEN#';
const MACHINE = 'MACHINE#';
const BY_MACHINE = 'byMachine';
type Item = Record<string, unknown>;

/** Drops undefined attributes (the caller's document client may not be configured to). */
function compact(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

const str = (item: Item, key: string): string | undefined => (typeof item[key] === 'string' ? (item[key]) : undefined);
const num = (item: Item, key: string): number | undefined => (typeof item[key] === 'number' ? (item[key]) : undefined);

/** Orders a machine's executions by start date (then name): the byMachine index's range key. */
export function executionSortKey(record: Pick<ExecutionRecord, 'startDate' | 'name'>): string {
  return `${String(record.startDate).padStart(15, '0')}#${record.name}`;
}

function toExecution(item: Item): ExecutionRecord {
  return {
    executionArn: str(item, 'executionArn') ?? '',
    stateMachineArn: str(item, 'stateMachineArn') ?? '',
    name: str(item, 'name') ?? '',
    input: str(item, 'input') ?? '{}',
    status: (str(item, 'status') ?? 'RUNNING') as ExecutionStatus,
    startDate: num(item, 'startDate') ?? 0,
    stopDate: num(item, 'stopDate'),
    output: str(item, 'output'),
    error: str(item, 'error'),
    cause: str(item, 'cause'),
  };
}

function toToken(item: Item): TokenRecord {
  const createdAt = num(item, 'createdAt') ?? 0;
  return {
    token: str(item, 'token') ?? '',
    executionArn: str(item, 'executionArn') ?? '',
    stateName: str(item, 'stateName') ?? '',
    createdAt,
    lastHeartbeat: num(item, 'lastHeartbeat') ?? createdAt,
    timeoutSeconds: num(item, 'timeoutSeconds'),
    heartbeatSeconds: num(item, 'heartbeatSeconds'),
    status: (str(item, 'status') ?? 'WAITING') as TokenStatus,
    output: str(item, 'output'),
    error: str(item, 'error'),
    cause: str(item, 'cause'),
    closedAt: num(item, 'closedAt'),
  };
}

/**
 * The emulator's own DynamoDB table: one item per execution (`EXEC#<arn>`, indexed by state machine),
 * one per task token (`TOKEN#<token>`) and one per state machine (`MACHINE#<arn>`, its creation date);
 * histories are kept beside it (history-store.ts). Every state change is a conditional write, so concurrent
 * callers (callbacks, timers, StopExecution) agree on a single first outcome.
 */
export class StateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  ensureTable(): Promise<void> {
    return ensureTable(this.doc, {
      TableName: this.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'stateMachineArn', AttributeType: 'S' },
        { AttributeName: 'sortKey', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: BY_MACHINE,
          KeySchema: [
            { AttributeName: 'stateMachineArn', KeyType: 'HASH' },
            { AttributeName: 'sortKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  }

  /** The date a state machine was first run by this store (its creationDate), recorded on first sight. */
  async registerMachine(stateMachineArn: string, at: number): Promise<number> {
    const key = { pk: MACHINE + stateMachineArn };
    const put = new PutCommand({ TableName: this.tableName, Item: { ...key, creationDate: at }, ConditionExpression: 'attribute_not_exists(pk)' });
    if (await conditionally(() => this.doc.send(put))) return at;
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return (Item && num(Item, 'creationDate')) ?? at;
  }

  /** Creates the execution unless one with the same ARN exists; returns whichever is stored. */
  async createExecution(record: ExecutionRecord): Promise<{ created: boolean; record: ExecutionRecord }> {
    const put = new PutCommand({
      TableName: this.tableName,
      Item: compact({ pk: EXEC + record.executionArn, sortKey: executionSortKey(record), ...record }),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    if (await conditionally(() => this.doc.send(put))) return { created: true, record };
    const existing = await this.getExecution(record.executionArn);
    if (!existing) throw new Error(`Execution ${record.executionArn} vanished after a conflicting create`);
    return { created: false, record: existing };
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: EXEC + executionArn }, ConsistentRead: true }),
    );
    return Item ? toExecution(Item) : undefined;
  }

  /** Moves a RUNNING execution to a final status; false if it was no longer RUNNING. */
  closeExecution(executionArn: string, close: ExecutionClose): Promise<boolean> {
    const update = updateExpression().setAll(close).equals('status', 'RUNNING');
    return conditionally(() => this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: EXEC + executionArn }, ...update.build() })));
  }

  /** Executions of one state machine, newest first. */
  async listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const items = await queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: BY_MACHINE,
      KeyConditionExpression: 'stateMachineArn = :m',
      ExpressionAttributeValues: { ':m': stateMachineArn },
      ScanIndexForward: false,
    });
    return items.map(toExecution);
  }

  async listRunningExecutions(): Promise<ExecutionRecord[]> {
    const items = await scanItems(this.doc, {
      TableName: this.tableName,
      FilterExpression: 'begins_with(pk, :exec) AND #status = :running',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':exec': EXEC, ':running': 'RUNNING' },
      ConsistentRead: true,
    });
    return items.map(toExecution);
  }

  /** Stores a new WAITING token unless it exists (a replay); returns whichever is stored. */
  async createToken(record: TokenRecord): Promise<TokenRecord> {
    const put = new PutCommand({ TableName: this.tableName, Item: compact({ pk: TOKEN + record.token, ...record }), ConditionExpression: 'attribute_not_exists(pk)' });
    if (await conditionally(() => this.doc.send(put))) return record;
    const existing = await this.getToken(record.token);
    if (!existing) throw new Error(`Task token of ${record.executionArn} vanished after a conflicting create`);
    return existing;
  }

  async getToken(token: string): Promise<TokenRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: TOKEN + token }, ConsistentRead: true }),
    );
    return Item ? toToken(Item) : undefined;
  }

  /**
   * Records a token's outcome if it is still WAITING (first outcome wins). A timer passes the heartbeat
   * time it based its deadline on, so a heartbeat that landed meanwhile makes the write fail.
   */
  closeToken(token: string, outcome: TokenOutcome, closedAt: number, expectedHeartbeat?: number): Promise<boolean> {
    const update = updateExpression().setAll({ ...outcome, closedAt }).equals('status', 'WAITING');
    if (expectedHeartbeat !== undefined) update.equals('lastHeartbeat', expectedHeartbeat);
    return conditionally(() => this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: TOKEN + token }, ...update.build() })));
  }

  /** Records a heartbeat on a WAITING token; false if the token is closed. */
  heartbeatToken(token: string, at: number): Promise<boolean> {
    const update = updateExpression().set('lastHeartbeat', at).equals('status', 'WAITING');
    return conditionally(() => this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: TOKEN + token }, ...update.build() })));
  }
}

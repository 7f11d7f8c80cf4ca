/** Messages between the bench and its instrumented stack process (stack-process.ts). */

export interface FunctionCalls {
  invocations: number;
  dynamo: number;
  sfn: number;
  /** The most calls a single invocation made. */
  maxDynamo: number;
  maxSfn: number;
  maxCalls: number;
  /** `dynamodb:PutItem`, `sfn:StartExecution`, ... */
  ops: Record<string, number>;
}

export interface CallCounts {
  functions: Record<string, FunctionCalls>;
  /** DynamoDB requests made outside any invocation: the Step Functions engine's own state store. */
  engine: { dynamo: number; ops: Record<string, number> };
  /** Invocations running when the snapshot was taken. */
  inFlight: number;
  /** Invocations finished since the last reset. */
  invocations: number;
}

export interface ItemCounts {
  requests: number;
  items: number;
  byOperation: Record<string, { requests: number; items: number }>;
}

export interface ExecutionTotals {
  executions: number;
  stateTransitions: number;
  lambdaInvocations: number;
  maxTransitions: number;
}

export interface MemoryFigures {
  rss: number;
  maxRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** CPU time of the process (all threads), µs. */
  cpuMicros: number;
  /** Share of the time the event loop was busy since the previous call. */
  eventLoop: number;
  /** The V8 heap of DynamoDB's thread. */
  dynamoHeap: { heapUsed: number; heapTotal: number };
}

export interface StackInfo {
  url: string;
  dynamodb: string;
  stepfunctions: string;
  functions: { name: string; bundle: string; environment: Record<string, string> }[];
  routes: { routeKey: string; functionName: string }[];
  pipelineArn: string;
}

/** A DynamoDB request as dynalite received it. */
export interface RecordedRequest {
  target: string;
  headers: Record<string, string>;
  body: string;
}

export type ChildRequest =
  | { id: number; cmd: 'calls'; reset: boolean }
  | { id: number; cmd: 'items'; enable: boolean }
  | { id: number; cmd: 'executions'; arns: string[] }
  | { id: number; cmd: 'record'; start: boolean }
  | { id: number; cmd: 'memory' }
  | { id: number; cmd: 'stop' };

export type ChildReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

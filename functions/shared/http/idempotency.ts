import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { RouteResult } from './route';

/** What identifies a request for replay: the caller, the route, the client's key. */
export interface IdempotentRequest {
  key: string;
  /** Hashed to detect a key reused with another request (422). */
  request: unknown;
}

export interface IdempotencyGuard {
  run(request: IdempotentRequest, context: Context, execute: () => Promise<RouteResult>): Promise<RouteResult>;
}

/** Powertools idempotency over the Idempotency table; replays return the stored first response. */
export function makeIdempotency({ client, tableName }: { client: DynamoDBClient; tableName: string }): IdempotencyGuard {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  const once = makeIdempotent(
    async (_request: IdempotentRequest, execute: () => Promise<RouteResult>) => execute(),
    // A fixed prefix: keys already name the route, and stay valid when functions are renamed.
    { persistenceStore, config, keyPrefix: 'api' },
  );
  return {
    run(request, context, execute) {
      config.registerLambdaContext(context);
      return once(request, execute);
    },
  };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../tracing';

// Built once per container. The endpoint comes from the standard SDK configuration
// (AWS_ENDPOINT_URL_DYNAMODB locally), so no code here knows which engine it talks to.
// Every call is an X-Ray subsegment in Lambda; the tracer leaves the client as is elsewhere.
export const dynamoClient = tracer.captureAWSv3Client(new DynamoDBClient({}));
export const db = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

/** What a store is built from: the client it calls and the table it keeps its items in. */
export interface StoreOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
}

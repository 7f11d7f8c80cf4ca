import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Built once per container. The endpoint comes from the standard SDK configuration
// (AWS_ENDPOINT_URL_DYNAMODB locally), so no code here knows which engine it talks to.
export const dynamoClient = new DynamoDBClient({});
export const db = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

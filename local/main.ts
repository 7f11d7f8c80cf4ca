import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, createTables, startDynamo } from './dynamo';
import { startHttpAdapter } from './http-adapter';
import { tokenVerifier } from './jwt';
import { LambdaRuntime } from './lambda-runtime';
import { startSchedules } from './scheduler';
import { LocalStepFunctions } from './stepfunctions/engine';
import { startStepFunctionsServer } from './stepfunctions/server';
import { REGION, loadStack } from './template';

/**
 * The embedded stack: the synthesized template run on one machine. dynalite for DynamoDB
 * (data under DATA_DIR), the template's state machines on aws-local-stepfunctions behind a
 * Step Functions endpoint, the bundled Lambda handlers, their HTTP routes and schedules.
 */
const STACK = 'UnodcSecretariat';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const cdkOut = path.resolve(process.env.CDK_OUT ?? 'cdk.out');
const scheduleOverride = process.env.LOCAL_SCHEDULE_INTERVAL_MS ? Number(process.env.LOCAL_SCHEDULE_INTERVAL_MS) : undefined;

async function main(): Promise<void> {
  const stack = loadStack(cdkOut, STACK);
  const dynamo = await startDynamo(path.join(dataDir, 'dynamodb'), host);
  await createTables(dynamo.endpoint, stack.tables);

  // The handlers' own SDK clients find the embedded endpoints through the standard variables.
  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;

  const runtime = new LambdaRuntime(stack.functions);
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const engine = new LocalStepFunctions({
    machines: stack.stateMachines,
    invokeLambda: (functionArn, payload) => runtime.invoke(functionArn, payload),
    documentClient,
    tableName: 'LocalStepFunctions',
  });
  const stepFunctions = await startStepFunctionsServer(engine, { port: 0, host });
  process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.url;

  const http = await startHttpAdapter({ routes: stack.routes, runtime, verify: await tokenVerifier(dataDir), port, host });
  await engine.start(); // resumes the executions that were running when the stack stopped
  const stopSchedules = startSchedules(stack.schedules, runtime, scheduleOverride);

  console.log(`dynamodb: ${dynamo.endpoint}`);
  console.log(`stepfunctions: ${stepFunctions.url}`);
  console.log(`data: ${dataDir}`);
  console.log(`ready: ${http.url}`);

  const shutdown = async () => {
    stopSchedules();
    http.server.close();
    await engine.stop();
    await stepFunctions.close();
    await new Promise<void>((resolve) => dynamo.server.close(() => resolve()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import * as path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, createTables } from './dynamo';
import { consoleSite } from './console-site';
import { startDynamoThread } from './dynamo-worker';
import { startEventBridgeServer } from './eventbridge/server';
import type { FaultSpec } from './faults/plan';
import { DYNAMODB_FAULTS, type FaultProxy, STEP_FUNCTIONS_FAULTS, dynamoWrites, startFaultProxy, stepFunctionsWrites } from './faults/proxy';
import { startHttpAdapter } from './http-adapter';
import { tokenVerifier } from './jwt';
import { LambdaRuntime } from './lambda-runtime';
import { startSchedules } from './scheduler';
import { startSecretsManagerServer } from './secrets-manager/server';
import { LocalStepFunctions } from './stepfunctions/engine';
import { startStepFunctionsServer } from './stepfunctions/server';
import { type FunctionSpec, REGION, type StackModel, loadStack } from './template';

export const STACK_NAME = 'UnodcSecretariat';

/** Runs one Lambda invocation; a hook may wrap it (to time it, or attribute the calls it makes). */
export type AroundInvoke = (functionName: string, invoke: () => Promise<unknown>) => Promise<unknown>;

export interface EmbeddedStackOptions {
  /** Where `cdk synth` wrote the template and the bundles. */
  cdkOut: string;
  /** DynamoDB files, the secrets and the token signing key. */
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  stackName?: string;
  /** Runs every rate() schedule at this interval instead of its own. */
  scheduleIntervalMs?: number;
  /** Every invocation (HTTP routes, state machine tasks, schedules) runs through this. */
  aroundInvoke?: AroundInvoke;
  /** A module loaded in DynamoDB's thread to observe it (see dynamo-worker.ts). */
  dynamoHooks?: string;
  /** Puts the fault layer (faults/proxy.ts) between the functions and DynamoDB and Step Functions. Off unless given. */
  faults?: FaultSpec;
}

export interface EmbeddedStack {
  /** The HTTP API. */
  url: string;
  dynamo: { endpoint: string; hooks?: MessagePort };
  stepFunctions: { url: string };
  secretsManager: { url: string };
  /** PutEvents; what was put is kept in `<dataDir>/eventbridge/events.jsonl`. */
  eventBridge: { url: string };
  /** The fault proxies the functions call through, when faults are on. */
  faults?: { dynamodb: FaultProxy; stepFunctions: FaultProxy };
  dataDir: string;
  model: StackModel;
  runtime: LambdaRuntime;
  engine: LocalStepFunctions;
  /** Stops serving and closes the data files; stored executions resume on the next start. */
  stop(): Promise<void>;
}

/** A LambdaRuntime whose invocations run inside a hook. */
class HookedRuntime extends LambdaRuntime {
  constructor(functions: FunctionSpec[], private readonly around: AroundInvoke) {
    super(functions);
  }

  override invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    return this.around(nameOrArn.split(':').pop() ?? nameOrArn, () => super.invoke(nameOrArn, event));
  }
}

/**
 * The embedded stack: the synthesized template run in this process. dynalite for DynamoDB
 * (data under dataDir, on a thread of its own), the template's state machines on aws-local-stepfunctions behind a
 * Step Functions endpoint, its secrets behind a Secrets Manager endpoint (kept under dataDir), its event buses
 * behind an EventBridge endpoint (what was put kept under dataDir), the bundled
 * Lambda handlers, their HTTP routes and schedules.
 * The handlers' SDK clients find the embedded endpoints through the standard variables,
 * which this sets in process.env.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { host, dataDir } = options;
  const model = loadStack(options.cdkOut, options.stackName ?? STACK_NAME);
  const dynamo = await startDynamoThread(path.join(dataDir, 'dynamodb'), host, options.dynamoHooks);
  await createTables(dynamo.endpoint, model.tables);

  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  });
  const secretsManager = await startSecretsManagerServer({ dir: path.join(dataDir, 'secretsmanager'), secrets: model.secrets, port: 0, host });
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.url;
  const eventBridge = await startEventBridgeServer({ dir: path.join(dataDir, 'eventbridge'), buses: model.eventBuses, port: 0, host });
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = eventBridge.url;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;

  const runtime = options.aroundInvoke ? new HookedRuntime(model.functions, options.aroundInvoke) : new LambdaRuntime(model.functions);
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const engine = new LocalStepFunctions({
    machines: model.stateMachines,
    invokeLambda: (functionArn, payload) => runtime.invoke(functionArn, payload),
    documentClient,
    tableName: 'LocalStepFunctions',
  });
  const stepFunctions = await startStepFunctionsServer(engine, { port: 0, host });
  process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.url;
  // The functions' calls go through the fault layer; the engine keeps its own state directly, as AWS does.
  const faults = options.faults && {
    dynamodb: await startFaultProxy({ upstream: dynamo.endpoint, spec: options.faults, service: 'dynamodb', dialect: DYNAMODB_FAULTS, writeTargets: dynamoWrites, host }),
    stepFunctions: await startFaultProxy({ upstream: stepFunctions.url, spec: options.faults, service: 'stepfunctions', dialect: STEP_FUNCTIONS_FAULTS, writeTargets: stepFunctionsWrites, host }),
  };
  if (faults) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = faults.dynamodb.url;
    process.env.AWS_ENDPOINT_URL_SFN = faults.stepFunctions.url;
  }

  const site = consoleSite({ assetsDir: model.consoleAssets, dataDir });
  const http = await startHttpAdapter({ routes: model.routes, runtime, verify: await tokenVerifier(dataDir), port: options.port, host, site });
  await engine.start(); // resumes the executions that were running when the stack stopped
  const stopSchedules = startSchedules(model.schedules, runtime, options.scheduleIntervalMs);

  return {
    url: http.url,
    dynamo: { endpoint: dynamo.endpoint, hooks: dynamo.hooks },
    stepFunctions: { url: stepFunctions.url },
    secretsManager: { url: secretsManager.url },
    eventBridge: { url: eventBridge.url },
    faults,
    dataDir,
    model,
    runtime,
    engine,
    async stop() {
      stopSchedules();
      http.server.close();
      http.server.closeAllConnections();
      await engine.stop();
      await faults?.stepFunctions.close();
      await faults?.dynamodb.close();
      await stepFunctions.close();
      await secretsManager.close();
      await eventBridge.close();
      await dynamo.close();
    },
  };
}

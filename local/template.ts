import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACCOUNT, type Json, REGION, Resolver, type Template, secretArn } from './intrinsics';

/**
 * Reads the synthesized CloudFormation template: the single source of truth for what the
 * embedded stack runs (tables, functions and their bundles, state machines, routes,
 * schedules, secrets). Parameters, conditions and intrinsic functions are resolved the way
 * CloudFormation would (local/intrinsics.ts); a resource its condition leaves out is not run.
 */
export { ACCOUNT, REGION };

export interface TableSpec {
  name: string;
  definition: Record<string, Json>;
}
export interface FunctionSpec {
  name: string;
  arn: string;
  bundle: string;
  exportName: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
}
export interface StateMachineSpec {
  name: string;
  arn: string;
  definition: Record<string, unknown>;
  /** As the Step Functions API reports them (camelCase, from the template's properties). */
  type: 'STANDARD' | 'EXPRESS';
  roleArn?: string;
  loggingConfiguration?: {
    level?: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
    includeExecutionData?: boolean;
    destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: string } }[];
  };
  tracingConfiguration?: { enabled?: boolean };
}
export interface RouteSpec {
  routeKey: string;
  functionName: string;
  authorized: boolean;
}
export interface ScheduleSpec {
  name: string;
  functionName: string;
  everyMs: number;
}
/** How Secrets Manager generates a secret's first value (GenerateSecretString). */
export interface SecretGeneration {
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludePunctuation?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeLowercase?: boolean;
  ExcludeNumbers?: boolean;
  IncludeSpace?: boolean;
  RequireEachIncludedType?: boolean;
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
}
export interface SecretSpec {
  name: string;
  arn: string;
  description?: string;
  /** A value written in the template, else generate. */
  secretString?: string;
  generate?: SecretGeneration;
}
export interface StackModel {
  tables: TableSpec[];
  functions: FunctionSpec[];
  stateMachines: StateMachineSpec[];
  routes: RouteSpec[];
  schedules: ScheduleSpec[];
  secrets: SecretSpec[];
  /** EventBridge buses, by their local name (the logical id, which a Ref to the bus gives). */
  eventBuses: string[];
  /** The stack's outputs (those whose condition holds), by logical id. */
  outputs: Record<string, string>;
  /** The console's built assets, as the stack deploys them to its bucket (a directory under cdk.out). */
  consoleAssets?: string;
}

const arnOf: Record<string, (name: string) => string> = {
  'AWS::SecretsManager::Secret': (name) => secretArn(name),
  'AWS::Lambda::Function': (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  'AWS::DynamoDB::Table': (name) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
  'AWS::StepFunctions::StateMachine': (name) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
  'AWS::IAM::Role': (name) => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  'AWS::Logs::LogGroup': (name) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
  'AWS::Events::EventBus': (name) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`,
};

/** rate(5 minutes) → ms; cron schedules are not run locally. */
function rateMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return undefined;
  const unit = match[2].startsWith('minute') ? 60_000 : match[2].startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(match[1]) * unit;
}

/** A state machine's definition and settings; CloudFormation's PascalCase properties in the API's camelCase. */
function stateMachineSpec(name: string, properties: Record<string, Json>): StateMachineSpec {
  const logging = (properties.LoggingConfiguration ?? undefined) as { Level?: string; IncludeExecutionData?: boolean; Destinations?: { CloudWatchLogsLogGroup?: { LogGroupArn?: string } }[] } | undefined;
  const tracing = (properties.TracingConfiguration ?? undefined) as { Enabled?: boolean } | undefined;
  return {
    name,
    arn: arnOf['AWS::StepFunctions::StateMachine'](name),
    definition: JSON.parse(String(properties.DefinitionString)) as Record<string, unknown>,
    type: properties.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    roleArn: typeof properties.RoleArn === 'string' ? properties.RoleArn : undefined,
    loggingConfiguration: logging && {
      level: (logging.Level ?? 'OFF') as NonNullable<StateMachineSpec['loggingConfiguration']>['level'],
      includeExecutionData: logging.IncludeExecutionData ?? false,
      destinations: (logging.Destinations ?? []).map((d) => ({ cloudWatchLogsLogGroup: { logGroupArn: d.CloudWatchLogsLogGroup?.LogGroupArn } })),
    },
    tracingConfiguration: tracing && { enabled: tracing.Enabled === true },
  };
}

const functionNameFromArn = (arn: string) => arn.split(':').pop() ?? arn;

export function loadStack(cdkOut: string, stackName: string, env: NodeJS.ProcessEnv = process.env): StackModel {
  const template = JSON.parse(readFileSync(path.join(cdkOut, `${stackName}.template.json`), 'utf8')) as Template;
  const resolver = new Resolver(template, env, arnOf);
  const model: StackModel = { tables: [], functions: [], stateMachines: [], routes: [], schedules: [], secrets: [], eventBuses: [], outputs: {} };
  const entries = Object.entries(template.Resources).filter(([, resource]) => resolver.exists(resource));
  for (const [name, resource] of entries) {
    const properties = (resource.Properties ?? {});
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        model.tables.push({ name, definition: resolver.resolve(properties) as Record<string, Json> });
        break;
      case 'AWS::Lambda::Function': {
        // Only Node.js functions run here; CDK's deploy-time helpers (the bucket deployment's
        // Python handler) only run while CloudFormation deploys.
        if (!String(properties.Runtime).startsWith('nodejs')) break;
        const asset = resource.Metadata?.['aws:asset:path'];
        if (typeof asset !== 'string') throw new Error(`Function ${name} has no bundled asset; synthesize with the CDK CLI`);
        const [file, exportName] = String(properties.Handler).split('.');
        const environment = resolver.resolve(((properties.Environment ?? {}) as Record<string, Json>).Variables ?? {}) as Record<string, string>;
        model.functions.push({
          name,
          arn: arnOf[resource.Type](name),
          bundle: path.join(cdkOut, asset, `${file}.js`),
          exportName,
          environment,
          timeoutSeconds: Number(properties.Timeout ?? 3),
        });
        break;
      }
      case 'AWS::StepFunctions::StateMachine':
        model.stateMachines.push(stateMachineSpec(name, resolver.resolve(properties) as Record<string, Json>));
        break;
      case 'AWS::ApiGatewayV2::Route': {
        const target = String(resolver.resolve(properties.Target)).replace('integrations/', '');
        const integration = (template.Resources[target] as Template['Resources'][string] | undefined)?.Properties ?? {};
        model.routes.push({
          routeKey: String(properties.RouteKey),
          functionName: functionNameFromArn(String(resolver.resolve(integration.IntegrationUri ?? ''))),
          authorized: properties.AuthorizationType === 'JWT',
        });
        break;
      }
      case 'AWS::Events::Rule': {
        const everyMs = rateMs(String(properties.ScheduleExpression ?? ''));
        const targets = (properties.Targets ?? []) as Json[];
        for (const target of targets) {
          const arn = String(resolver.resolve((target as Record<string, Json>).Arn));
          if (everyMs && arn.includes(':function:')) model.schedules.push({ name, functionName: functionNameFromArn(arn), everyMs });
        }
        break;
      }
      case 'AWS::Events::EventBus':
        model.eventBuses.push(name);
        break;
      case 'AWS::SecretsManager::Secret': {
        const secret = resolver.resolve(properties) as { Name?: string; Description?: string; SecretString?: string; GenerateSecretString?: SecretGeneration };
        const secretName = secret.Name ?? name;
        model.secrets.push({
          name: secretName,
          arn: arnOf[resource.Type](secretName),
          description: secret.Description,
          secretString: secret.SecretString,
          generate: secret.SecretString === undefined ? (secret.GenerateSecretString ?? {}) : undefined,
        });
        break;
      }
      case 'Custom::CDKBucketDeployment': {
        // The zipped directory assets it copies: the one with an index.html is the console.
        const keys = ((properties.SourceObjectKeys ?? []) as Json[]).filter((key): key is string => typeof key === 'string' && key.endsWith('.zip'));
        const site = keys.map((key) => path.join(cdkOut, `asset.${key.slice(0, -'.zip'.length)}`)).find((dir) => existsSync(path.join(dir, 'index.html')));
        if (site) model.consoleAssets = site;
        break;
      }
      default:
        break;
    }
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (resolver.exists(output)) model.outputs[name] = String(resolver.resolve(output.Value));
  }
  return model;
}

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Reads the synthesized CloudFormation template: the single source of truth for what the
 * embedded stack runs (tables, functions and their bundles, state machines, routes,
 * schedules). Intrinsic functions are resolved the way CloudFormation would, with local
 * names: a resource's physical name is its logical id.
 */
export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, { Default?: string }>;
}

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
export interface StackModel {
  tables: TableSpec[];
  functions: FunctionSpec[];
  stateMachines: StateMachineSpec[];
  routes: RouteSpec[];
  schedules: ScheduleSpec[];
}

const arnOf: Record<string, (name: string) => string> = {
  'AWS::Lambda::Function': (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  'AWS::DynamoDB::Table': (name) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
  'AWS::StepFunctions::StateMachine': (name) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
  'AWS::IAM::Role': (name) => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  'AWS::Logs::LogGroup': (name) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
};

/** CloudFormation parameters come from the environment (TranslationWebhookUrl → TRANSLATION_WEBHOOK_URL). */
const parameterVariable = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

class Resolver {
  constructor(private readonly template: Template, private readonly env: NodeJS.ProcessEnv) {}

  ref(name: string): string {
    const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'local', 'AWS::NoValue': '' };
    if (name in pseudo) return pseudo[name];
    const parameter = this.template.Parameters?.[name];
    if (parameter) return this.env[parameterVariable(name)] ?? parameter.Default ?? '';
    const resource = this.template.Resources[name];
    if (!resource) throw new Error(`Ref to unknown ${name}`);
    // Refs to state machines give their ARN; to other resources their name.
    return resource.Type === 'AWS::StepFunctions::StateMachine' ? arnOf[resource.Type](name) : name;
  }

  getAtt(name: string, attribute: string): string {
    const resource = this.template.Resources[name];
    if (!resource) throw new Error(`GetAtt on unknown ${name}`);
    if (attribute === 'Arn' && arnOf[resource.Type]) return arnOf[resource.Type](name);
    if (attribute === 'Name') return name;
    return `${name}.${attribute}`;
  }

  resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys;
      const arg = value[key];
      if (key === 'Ref') return this.ref(String(arg));
      if (key === 'Fn::GetAtt') {
        const [name, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return this.getAtt(name, attribute);
      }
      if (key === 'Fn::Join') {
        const [separator, parts] = arg as [string, Json[]];
        return (this.resolve(parts) as Json[]).map(String).join(separator);
      }
      if (key === 'Fn::Select') {
        const [index, list] = arg as [number, Json];
        return (this.resolve(list) as Json[])[Number(index)];
      }
      if (key === 'Fn::Split') {
        const [separator, text] = arg as [string, Json];
        return String(this.resolve(text)).split(separator);
      }
      if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, Json>]) : [String(arg), {}];
        return text.replace(/\$\{([^}]+)\}/g, (_match, expression: string) => {
          if (expression in variables) return String(this.resolve(variables[expression]));
          const [name, attribute] = expression.split('.');
          return attribute ? this.getAtt(name, attribute) : this.ref(name);
        });
      }
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item)]));
  }
}

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
  const resolver = new Resolver(template, env);
  const model: StackModel = { tables: [], functions: [], stateMachines: [], routes: [], schedules: [] };
  const entries = Object.entries(template.Resources);
  for (const [name, resource] of entries) {
    const properties = (resource.Properties ?? {}) as Record<string, Json>;
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        model.tables.push({ name, definition: resolver.resolve(properties) as Record<string, Json> });
        break;
      case 'AWS::Lambda::Function': {
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
        const integration = template.Resources[target]?.Properties ?? {};
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
      default:
        break;
    }
  }
  return model;
}

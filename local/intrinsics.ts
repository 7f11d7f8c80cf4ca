import { createHash } from 'node:crypto';

/**
 * CloudFormation's intrinsic functions, conditions and parameter constraints, evaluated the
 * way CloudFormation would, with local names: a resource's physical name is its logical id.
 */
export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
  Condition?: string;
}
export interface Parameter {
  Type: string;
  Default?: string | number;
  AllowedPattern?: string;
  AllowedValues?: (string | number)[];
  ConstraintDescription?: string;
  MinValue?: number;
  MaxValue?: number;
}
export interface Template {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, Parameter>;
  Conditions?: Record<string, Json>;
  Outputs?: Record<string, { Value: Json; Condition?: string }>;
}

export const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Secrets Manager ends a secret's ARN with "-" and 6 random characters; for a template's secret they derive from its name. */
export const secretArn = (name: string, suffix = [...createHash('sha256').update(name).digest().subarray(0, 6)].map((byte) => ALPHANUMERIC[byte % 62]).join('')) =>
  `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${suffix}`;

/** Resources whose Ref is their ARN; a Ref to any other resource gives its name. */
const REF_IS_ARN = new Set(['AWS::StepFunctions::StateMachine', 'AWS::SecretsManager::Secret']);

/** CloudFormation parameters come from the environment (TranslationWebhookUrl → TRANSLATION_WEBHOOK_URL). */
export const parameterVariable = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** A parameter value that CloudFormation would refuse: the stack does not start, as a deployment would fail. */
function checkParameter(name: string, parameter: Parameter, value: string): void {
  const fail = (rule: string) => {
    throw new Error(`Parameter ${name} (${parameterVariable(name)}) ${parameter.ConstraintDescription ?? rule}, got "${value}"`);
  };
  if (parameter.Type === 'Number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) fail('must be a number');
    if (parameter.MinValue !== undefined && number < parameter.MinValue) fail(`must be at least ${parameter.MinValue}`);
    if (parameter.MaxValue !== undefined && number > parameter.MaxValue) fail(`must be at most ${parameter.MaxValue}`);
  }
  if (parameter.AllowedPattern !== undefined && !new RegExp(`^(?:${parameter.AllowedPattern})$`).test(value)) fail(`must match ${parameter.AllowedPattern}`);
  if (parameter.AllowedValues && !parameter.AllowedValues.map(String).includes(value)) fail(`must be one of ${parameter.AllowedValues.join(', ')}`);
}

/** A resource type's ARN from a resource's local name. */
export type ArnOf = Record<string, (name: string) => string>;

export class Resolver {
  private readonly parameters = new Map<string, string>();
  private readonly conditions = new Map<string, boolean>();

  constructor(private readonly template: Template, env: NodeJS.ProcessEnv, private readonly arnOf: ArnOf) {
    for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
      if (parameter.Type.startsWith('AWS::')) continue; // SSM-backed (the bootstrap version): not used locally
      const value = env[parameterVariable(name)] ?? (parameter.Default === undefined ? '' : String(parameter.Default));
      checkParameter(name, parameter, value);
      this.parameters.set(name, value);
    }
  }

  /** Whether a resource or output exists: it has no condition, or its condition holds. */
  exists(entry: { Condition?: string }): boolean {
    return entry.Condition === undefined || this.condition(entry.Condition);
  }

  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) throw new Error(`Unknown condition ${name}`);
    const value = this.resolve(expression);
    if (typeof value !== 'boolean') throw new Error(`Condition ${name} is not a boolean`);
    this.conditions.set(name, value);
    return value;
  }

  ref(name: string): string {
    const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'local', 'AWS::NoValue': '' };
    if (name in pseudo) return pseudo[name];
    const parameter = this.parameters.get(name);
    if (parameter !== undefined) return parameter;
    const resource = this.template.Resources[name] as Resource | undefined;
    if (!resource) throw new Error(`Ref to unknown ${name}`);
    if (!this.exists(resource)) throw new Error(`Ref to ${name}, which its condition leaves out`);
    return REF_IS_ARN.has(resource.Type) ? this.arnOf[resource.Type](name) : name;
  }

  getAtt(name: string, attribute: string): string {
    const resource = this.template.Resources[name] as Resource | undefined;
    if (!resource) throw new Error(`GetAtt on unknown ${name}`);
    const arnOf = this.arnOf[resource.Type] as ArnOf[string] | undefined;
    if (attribute === 'Arn' && arnOf) return arnOf(name);
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
      switch (key) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Condition':
          if (typeof arg === 'string') return this.condition(arg); // inside Fn::And / Or / Not
          break;
        case 'Fn::GetAtt': {
          const [name, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
          return this.getAtt(name, attribute);
        }
        case 'Fn::If': {
          // Only the branch taken is resolved: the other may name a resource that does not exist.
          const [condition, whenTrue, whenFalse] = arg as [string, Json, Json];
          return this.resolve(this.condition(condition) ? whenTrue : whenFalse);
        }
        case 'Fn::Equals': {
          const [left, right] = (this.resolve(arg) as Json[]).map((item) => JSON.stringify(typeof item === 'number' ? String(item) : item));
          return left === right;
        }
        case 'Fn::Not':
          return !(this.resolve(arg) as boolean[])[0];
        case 'Fn::And':
          return (this.resolve(arg) as boolean[]).every(Boolean);
        case 'Fn::Or':
          return (this.resolve(arg) as boolean[]).some(Boolean);
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, Json[]];
          return (this.resolve(parts) as Json[]).map(String).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [number, Json];
          return (this.resolve(list) as Json[])[index];
        }
        case 'Fn::Split': {
          const [separator, text] = arg as [string, Json];
          return String(this.resolve(text)).split(separator);
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, Json>]) : [String(arg), {}];
          return text.replace(/\$\{([^}]+)\}/g, (_match, expression: string) => {
            if (expression in variables) return String(this.resolve(variables[expression]));
            const [name, attribute] = expression.split('.');
            return attribute ? this.getAtt(name, attribute) : this.ref(name);
          });
        }
        default:
          break;
      }
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item)]));
  }
}

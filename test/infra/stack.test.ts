import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalogue } from '../../functions/api/catalogue';
import { routeKey } from '../../functions/shared/http/route';
import { loadStack } from '../../local/template';

/**
 * Properties of the synthesized template (`npm run synth` writes it before the tests) that
 * matter for running this system, checked on every resource of their kind.
 */
type Properties = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Properties;
}
const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const resources = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

interface State {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Retry?: { ErrorEquals: string[] }[];
  ItemProcessor?: { States: Record<string, State> };
  Iterator?: { States: Record<string, State> };
  Branches?: { States: Record<string, State> }[];
}

/** Definitions are Fn::Join of strings and tokens: tokens become placeholders, enough to read the states. */
function definitionOf(resource: Resource): { States: Record<string, State> } {
  const join = resource.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  const text = join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text) as { States: Record<string, State> };
}

function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...allStates(state.ItemProcessor?.States ?? state.Iterator?.States ?? {}),
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
  ]);
}

const machines = resources('AWS::StepFunctions::StateMachine');
const tasks = machines.flatMap(([, machine]) => allStates(definitionOf(machine).States)).filter(([, state]) => state.Type === 'Task');

describe('state machines', () => {
  test('are Standard workflows with tracing and full logging', () => {
    expect(machines.length).toBeGreaterThan(0);
    for (const [, machine] of machines) {
      expect(machine.Properties.StateMachineType ?? 'STANDARD').toBe('STANDARD');
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL' });
    }
  });

  test.each(tasks)('task %s has a timeout and retries transient errors', (_name, state) => {
    expect(state.TimeoutSeconds).toBeGreaterThan(0);
    expect(state.Retry?.some((retry) => retry.ErrorEquals.includes('TransientError'))).toBe(true);
  });

  const callbacks = tasks.filter(([, state]) => state.Resource?.endsWith('.waitForTaskToken'));
  test('there are callback tasks', () => expect(callbacks.length).toBeGreaterThan(0));
  test.each(callbacks)('callback task %s has a heartbeat shorter than its timeout, both within 24 days', (_name, state) => {
    expect(state.HeartbeatSeconds).toBeGreaterThan(0);
    expect(state.HeartbeatSeconds).toBeLessThan(state.TimeoutSeconds ?? 0);
    expect(state.TimeoutSeconds).toBeLessThanOrEqual(24 * 24 * 3600);
  });
});

describe('HTTP API', () => {
  const routes = resources('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
  const publicRoutes = new Set(catalogue.filter((route) => route.access === 'public').map(routeKey));

  test('serves exactly the catalogue', () => {
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(catalogue.map(routeKey).sort());
  });

  test.each(routes.map((route) => [route.RouteKey as string, route]))('%s: the JWT authorizer unless public by contract', (key, route) => {
    expect(route.AuthorizationType).toBe(publicRoutes.has(key) ? 'NONE' : 'JWT');
  });

  test('the stage writes access logs', () => {
    const [[, stage]] = resources('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.AccessLogSettings).toMatchObject({ DestinationArn: expect.anything(), Format: expect.stringContaining('$context.requestId') });
  });
});

/** CDK's own bucket deployment handler (the console's assets) runs only while CloudFormation deploys. */
const deployTimeOnly = (id: string) => id.startsWith('CustomCDKBucketDeployment');

describe('functions', () => {
  test.each(resources('AWS::Lambda::Function').filter(([id]) => !deployTimeOnly(id)))('%s: Node.js 22 on arm64, traced, JSON logs', (_id, fn) => {
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
  });

  test('every log group has a retention', () => {
    for (const [, group] of resources('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('permissions', () => {
  const statements = resources('AWS::IAM::Policy').flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement);
  const actions = statements.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));

  test('no wildcard action anywhere on DynamoDB, and no Scan', () => {
    const dynamo = actions.filter((action) => action.startsWith('dynamodb:'));
    expect(dynamo.length).toBeGreaterThan(0);
    expect(dynamo.filter((action) => action.includes('*'))).toEqual([]);
    expect(dynamo).not.toContain('dynamodb:Scan');
  });

  // The service names of the functions whose roles hold `action` (a role's Allow statements).
  const holders = (action: string) => {
    const roles = resources('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[] }[] }).Statement.some((statement) => statement.Effect === 'Allow' && [statement.Action].flat().includes(action)))
      .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
    return resources('AWS::Lambda::Function')
      .filter(([, fn]) => roles.includes((fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]))
      .map(([, fn]) => (fn.Properties.Environment as { Variables: Record<string, string> }).Variables.POWERTOOLS_SERVICE_NAME)
      .sort();
  };

  test('only a withdrawal stops a document pipeline execution: the documents API, and the reconciler finishing one a crash interrupted', () => {
    expect(holders('states:StopExecution')).toEqual(['document-reconciler', 'documents']);
    expect(holders('states:ListExecutions')).toEqual(['document-reconciler']);
  });

  test('no table administration from functions', () => {
    expect(actions.filter((action) => /^dynamodb:(Create|Delete|Update)Table/.test(action))).toEqual([]);
  });
});

describe('data', () => {
  test.each(resources('AWS::DynamoDB::Table'))('%s: on demand, point-in-time recovery, encrypted, retained', (_id, table) => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(template.Resources[_id]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('bundles', () => {
  const functions = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat').functions;
  // A cold start in a fresh process, with exactly the environment the template gives the function:
  // a module that reads a variable the function was not granted fails here, not in production.
  test.each(functions.map((fn) => [(fn.environment.POWERTOOLS_SERVICE_NAME as string | undefined) ?? fn.name, fn]))('%s loads with only its own environment', (_name, fn) => {
    const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.resolve(fn.bundle))})`], {
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', ...fn.environment },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('identity', () => {
  const clients = resources('AWS::Cognito::UserPoolClient');
  test('no app client may write custom:donorId, and every client names what it writes (empty would mean everything)', () => {
    expect(clients.length).toBeGreaterThanOrEqual(3);
    for (const [, client] of clients) {
      const writes = client.Properties.WriteAttributes as string[] | undefined;
      expect(writes?.length).toBeGreaterThan(0);
      expect(writes).not.toContain('custom:donorId');
    }
  });
  test('the people client reads donorId, so ID tokens carry it', () => {
    const people = clients.find(([id]) => id.includes('People'));
    expect(people?.[1].Properties.ReadAttributes).toContain('custom:donorId');
  });
  test('the stack outputs what an operator and a client need to sign in', () => {
    const outputs = (template as unknown as { Outputs: Record<string, unknown> }).Outputs;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['UserPoolId', 'PeopleClientId', 'TranslatorClientId', 'PrinterClientId', 'TokenEndpoint', 'HostedUiUrl']));
    expect(Object.keys(outputs).some((name) => name.startsWith('HttpUrl'))).toBe(true);
  });
});

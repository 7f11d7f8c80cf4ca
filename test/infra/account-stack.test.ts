import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { accountRoutes } from '../../functions/account/routes';
import { routeKey } from '../../functions/shared/http/route';

/**
 * The article 56 account's resources in the synthesized template (`npm run synth` writes it
 * before the tests): the intake workflow's waits and reminders, the overdue schedule, the
 * table's indexes, and what the account's functions may do.
 */
type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const resources = (type: string, prefix = '') => Object.entries(template.Resources).filter(([id, resource]) => resource.Type === type && id.startsWith(prefix));
const single = (type: string, prefix: string): [string, Resource] => {
  const found = resources(type, prefix);
  expect(found).toHaveLength(1);
  return found[0];
};

interface State {
  Type: string;
  Resource?: string;
  Parameters?: Json;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Next?: string;
  End?: boolean;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: Json[];
  Default?: string;
}

/** The definition is an Fn::Join of strings and tokens; tokens become placeholders, enough to read the states. */
function definitionOf(resource: Resource): { StartAt: string; States: Record<string, State> } {
  const join = resource.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  return JSON.parse(join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as { StartAt: string; States: Record<string, State> };
}

const DAY = 24 * 3600;
const [intakeId, intakeMachine] = single('AWS::StepFunctions::StateMachine', 'AccountContributionIntake');
const intake = definitionOf(intakeMachine);
const functionId = (handler: string) => {
  const found = resources('AWS::Lambda::Function').filter(([, fn]) => (fn.Properties.Environment as { Variables?: Json } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME === handler);
  expect(found).toHaveLength(1);
  return found[0][0];
};

describe('the contribution intake workflow', () => {
  test('is a Standard workflow with tracing and logs', () => {
    expect(intakeMachine.Properties.StateMachineType).toBe('STANDARD');
    expect(intakeMachine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(intakeMachine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL' });
  });

  test('waits for confirmation with a task token: reminder period as heartbeat, within a timeout of at most 24 days', () => {
    const wait = intake.States.AwaitConfirmation;
    expect(wait.Resource).toBe('arn:TOKEN:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(wait.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    expect(wait.HeartbeatSeconds).toBe(7 * DAY);
    expect(wait.TimeoutSeconds).toBe(14 * DAY);
    expect(wait.HeartbeatSeconds).toBeLessThan(wait.TimeoutSeconds ?? 0);
    expect(wait.TimeoutSeconds).toBeLessThanOrEqual(24 * DAY);
  });

  test('a wait that expires raises a reminder and waits again, as the next round (a task token of its own)', () => {
    const wait = intake.States.AwaitConfirmation;
    expect(wait.Catch).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], Next: 'RemindFinance' }));
    const remind = intake.States.RemindFinance;
    expect(remind.TimeoutSeconds).toBeGreaterThan(0);
    expect(remind.Next).toBe('StillWaiting');
    const choice = intake.States.StillWaiting;
    expect(choice.Default).toBe('NextRound');
    expect(choice.Choices).toContainEqual(expect.objectContaining({ Variable: '$.reminder.stillWaiting', BooleanEquals: false, Next: 'Decided' }));
    expect(choice.Choices).toContainEqual(expect.objectContaining({ Variable: '$.round', NumericGreaterThanEquals: 12, Next: 'StillUnconfirmed' }));
    expect(intake.States.NextRound).toMatchObject({ Type: 'Pass', Next: 'AwaitConfirmation', Parameters: { 'round.$': 'States.MathAdd($.round, 1)' } });
  });

  test('a confirmation ends it as received, a rejection as rejected', () => {
    expect(intake.StartAt).toBe('BeginIntake');
    expect(intake.States.BeginIntake).toMatchObject({ Type: 'Pass', Parameters: { round: 1 }, Next: 'AwaitConfirmation' });
    expect(intake.States.AwaitConfirmation.Next).toBe('Received');
    expect(intake.States.AwaitConfirmation.Catch).toContainEqual(expect.objectContaining({ ErrorEquals: ['ContributionRejected'], Next: 'Rejected' }));
    expect(intake.States.Received.Type).toBe('Succeed');
    expect(intake.States.Rejected.Type).toBe('Succeed');
  });

  test('every task retries transient errors', () => {
    for (const state of Object.values(intake.States).filter((s) => s.Type === 'Task')) {
      expect(state.Retry?.some((retry) => retry.ErrorEquals.includes('TransientError'))).toBe(true);
    }
  });

  test('its executions are started by the contributions function, which also closes their waits', () => {
    const contributions = template.Resources[functionId('account-contributions')];
    expect((contributions.Properties.Environment as { Variables: Json }).Variables.CONTRIBUTION_INTAKE_ARN).toEqual({ Ref: intakeId });
  });
});

describe('overdue installments', () => {
  test('a rate() rule runs the overdue function', () => {
    const [, rule] = single('AWS::Events::Rule', 'AccountDetectOverdueInstallments');
    expect(rule.Properties.ScheduleExpression).toMatch(/^rate\(\d+ (minute|minutes|hour|hours|day|days)\)$/);
    expect(rule.Properties.State ?? 'ENABLED').toBe('ENABLED');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [functionId('account-overdue'), 'Arn'] } })]);
  });
});

describe('the Account table', () => {
  const [, table] = single('AWS::DynamoDB::Table', 'Account');
  test('is keyed pk/sk, with the indexes the lists and reports query', () => {
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    const indexes = Object.fromEntries((table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: { AttributeName: string }[] }[]).map((index) => [index.IndexName, index.KeySchema.map((key) => key.AttributeName)]));
    expect(indexes).toEqual({
      byKind: ['kind', 'order'],
      byOwner: ['owner', 'order'],
      byStatus: ['statusKey', 'statusOrder'],
      alsoInYear1: ['alsoYear1', 'donorSeq'],
      alsoInYear2: ['alsoYear2', 'donorSeq'],
    });
  });
});

describe("the account functions' permissions", () => {
  const roleOf = (id: string) => ((template.Resources[id].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'])[0];
  const accountFunctions = resources('AWS::Lambda::Function', 'Account');
  const statementsOf = (role: string) =>
    resources('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement);
  // What a role may do: its Allow statements (the ledger's Deny statements take rights away).
  const actions = (role: string) => statementsOf(role).filter((statement) => statement.Effect === 'Allow').flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));

  test('there are eleven of them', () => expect(accountFunctions).toHaveLength(11));

  test.each(accountFunctions.map(([id]) => [id]))('%s: no Scan, no wildcard action, DynamoDB only on named tables', (id) => {
    const role = roleOf(id);
    expect(actions(role)).not.toContain('dynamodb:Scan');
    expect(actions(role).filter((action) => action.includes('*'))).toEqual([]);
    for (const statement of statementsOf(role)) {
      const list = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      if (list.some((action) => action.startsWith('dynamodb:'))) expect(JSON.stringify(statement.Resource)).not.toBe('"*"');
    }
  });

  test('only the contributions function and the intake step may close an intake wait; only the former and the reconciler start one', () => {
    const holders = (action: string) => accountFunctions.filter(([id]) => actions(roleOf(id)).includes(action)).map(([id]) => id).sort();
    expect(holders('states:StartExecution')).toEqual([functionId('account-contributions'), functionId('contribution-reconciler')].sort());
    expect(holders('states:SendTaskSuccess')).toEqual([functionId('account-contributions'), functionId('account-intake')].sort());
  });

  test.each(['account-reports', 'account-printouts'])('the %s function only reads', (handler) => {
    const writes = actions(roleOf(functionId(handler))).filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action));
    expect(writes).toEqual([]);
  });
});

test('every account route is served behind the JWT authorizer', () => {
  const served = new Map(resources('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, route.Properties.AuthorizationType]));
  for (const route of accountRoutes) expect(served.get(routeKey(route))).toBe('JWT');
});

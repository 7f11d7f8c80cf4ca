import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The domain events in the synthesized template: one bus, archived; PutEvents granted to exactly
 * the functions that announce a fact, on that bus only; their once-only marks in a table of
 * their own, with PutItem and nothing else.
 */
type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}
const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const resources = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const actions = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

// The reconciler announces the documents it fails, as document-failure does.
const EMITTERS = ['documents', 'publication-step', 'document-failure', 'document-reconciler', 'issuance-risk', 'account-contributions', 'account-overdue'];

const [[busId, bus]] = resources('AWS::Events::EventBus');
const [marksId] = resources('AWS::DynamoDB::Table').filter(([id]) => id.startsWith('DomainEventsEmittedEvents'))[0];
const serviceOfRole = (roleId: string) => {
  const fn = resources('AWS::Lambda::Function').find(([, f]) => JSON.stringify(f.Properties.Role).includes(`"${roleId}"`));
  return (fn?.[1].Properties.Environment as { Variables: Json } | undefined)?.Variables.POWERTOOLS_SERVICE_NAME;
};
const grants = (match: (statement: Statement) => boolean) =>
  resources('AWS::IAM::Policy').flatMap(([, policy]) =>
    ((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter(match)).flatMap((statement) =>
      (policy.Properties.Roles as { Ref: string }[]).map((role) => ({ service: serviceOfRole(role.Ref), actions: actions(statement), resource: statement.Resource })),
    ),
  );

test('the stack has one event bus, and an archive of its events', () => {
  expect(resources('AWS::Events::EventBus')).toHaveLength(1);
  expect(bus.Properties.Name).toEqual(expect.any(String));
  const [[, archive]] = resources('AWS::Events::Archive');
  expect(archive.Properties).toMatchObject({ SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] }, EventPattern: { source: ['org.unodc.cybercrime-secretariat'] }, RetentionDays: 365 });
});

test('events:PutEvents is granted to exactly the functions that announce facts, on the bus only', () => {
  const putEvents = grants((statement) => actions(statement).some((action) => action.startsWith('events:')));
  expect(putEvents.map((grant) => grant.service).sort()).toEqual([...EMITTERS].sort());
  for (const grant of putEvents) expect(grant).toEqual({ service: grant.service, actions: ['events:PutEvents'], resource: { 'Fn::GetAtt': [busId, 'Arn'] } });
});

test('the once-only marks: PutItem on their table, for the same functions, and its name and the bus in their environment', () => {
  const onMarks = grants((statement) => JSON.stringify(statement.Resource).includes(`"${marksId}"`));
  expect(onMarks.map((grant) => grant.service).sort()).toEqual([...EMITTERS].sort());
  for (const grant of onMarks) expect(grant.actions).toEqual(['dynamodb:PutItem']);
  for (const [, fn] of resources('AWS::Lambda::Function')) {
    const variables = (fn.Properties.Environment as { Variables: Json }).Variables;
    const emits = EMITTERS.includes(String(variables.POWERTOOLS_SERVICE_NAME));
    expect({ service: variables.POWERTOOLS_SERVICE_NAME, bus: variables.DOMAIN_EVENT_BUS, marks: variables.EMITTED_EVENTS_TABLE }).toEqual({
      service: variables.POWERTOOLS_SERVICE_NAME,
      bus: emits ? { Ref: busId } : undefined,
      marks: emits ? { Ref: marksId } : undefined,
    });
  }
});

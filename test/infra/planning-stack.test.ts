import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { DEFAULT_CAPACITY, readTranslationCapacity } from '../../infra/capacity';

/** Session planning in the synthesized template: the daily risk review, its grants, the capacity setting. */
type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const single = (type: string, prefix: string): [string, Resource] => {
  const found = Object.entries(template.Resources).filter(([id, resource]) => resource.Type === type && id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0];
};
const statementsOf = (functionId: string) => {
  const role = (template.Resources[functionId].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && (resource.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
};
const tableOf = (resource: unknown) => JSON.stringify(resource).match(/"(Data[A-Za-z]+?)[0-9A-F]{8}"/)?.[1];

describe('the daily review of issuance risk', () => {
  const [functionId] = single('AWS::Lambda::Function', 'IssuanceRiskReview');

  test('a rule runs it once a day', () => {
    const [, rule] = single('AWS::Events::Rule', 'ReviewIssuanceRisk');
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 day)');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } })]);
  });

  test('it writes the documents table (history, assessment) and only reads translation jobs; besides, the once-only marks of its events', () => {
    const all = statementsOf(functionId).filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
    // IssuanceRiskChanged's marks (test/infra/domain-events.test.ts checks those grants).
    const marks = all.filter((statement) => JSON.stringify(statement.Resource).includes('DomainEventsEmittedEvents'));
    expect(marks).toHaveLength(1);
    const dynamo = all.filter((statement) => !marks.includes(statement));
    const writes = dynamo.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:PutItem')).map((statement) => tableOf(statement.Resource));
    const reads = dynamo.map((statement) => tableOf(statement.Resource));
    expect(writes).toEqual(['DataDocuments']);
    expect(new Set(reads)).toEqual(new Set(['DataDocuments', 'DataTranslationJobs']));
  });
});

describe('translation capacity', () => {
  test('the sessions function gets every language\'s words per week', () => {
    const [, fn] = single('AWS::Lambda::Function', 'Apisessions');
    const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(variables.TRANSLATION_CAPACITY_WORDS_PER_WEEK)).toEqual(DEFAULT_CAPACITY);
  });

  const context = (value: unknown) => new App({ context: { translationCapacityWordsPerWeek: value } }).node;
  test('context sets one figure for all languages, or JSON for some', () => {
    expect(readTranslationCapacity(context(25_000))).toEqual({ ar: 25_000, zh: 25_000, en: 25_000, fr: 25_000, ru: 25_000, es: 25_000 });
    expect(readTranslationCapacity(context('{"ar":30000}'))).toEqual({ ...DEFAULT_CAPACITY, ar: 30_000 });
  });
  test('context naming another language or no whole number is refused at synth', () => {
    expect(() => readTranslationCapacity(context('{"de":30000}'))).toThrow(/de is not an official language/);
    expect(() => readTranslationCapacity(context('lots'))).toThrow(/must be a whole number/);
  });
});

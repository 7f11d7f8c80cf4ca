import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * "Never updated or deleted" holds in IAM, not only in code: in the synthesized template, only
 * the functions that append ledger entries may put items under `ledger#…` partition keys of
 * the Account table, and no function may update or delete one.
 */
type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string[]>>;
}

const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const entries = Object.entries(template.Resources);
const [accountTable] = entries.find(([id, r]) => r.Type === 'AWS::DynamoDB::Table' && id.startsWith('Account')) ?? [];
const tableArn = { 'Fn::GetAtt': [accountTable, 'Arn'] };
const names = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const onTable = (resource: unknown) => (Array.isArray(resource) ? resource : [resource]).some((r) => JSON.stringify(r) === JSON.stringify(tableArn));
const onLedgerOnly = (statement: Statement) => JSON.stringify(statement.Condition) === JSON.stringify({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['ledger#*'] } });

/** Each function's service name and the statements of every policy on its role. */
const functions = entries
  .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && (r.Properties.Environment as { Variables?: Json } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME)
  .map(([, r]) => {
    const role = (r.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = entries
      .filter(([, p]) => p.Type === 'AWS::IAM::Policy' && JSON.stringify(p.Properties.Roles).includes(`"${role}"`))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    return { service: String((r.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME), statements };
  });

/** Whether a function may run `action` on a ledger item: allowed on the table and not denied for `ledger#` keys. */
function mayOnLedger(statements: Statement[], action: string): boolean {
  const allowed = statements.some((s) => s.Effect === 'Allow' && names(s.Action).includes(action) && onTable(s.Resource));
  const denied = statements.some((s) => s.Effect === 'Deny' && names(s.Action).includes(action) && onTable(s.Resource) && onLedgerOnly(s));
  return allowed && !denied;
}

test('the template has the Account table and the account\'s functions', () => {
  expect(accountTable).toBeDefined();
  expect(functions.map((f) => f.service)).toEqual(expect.arrayContaining(['account-rates', 'account-pledges', 'account-contributions']));
});

test('only the functions that append ledger entries can put ledger items', () => {
  const putters = functions.filter((f) => mayOnLedger(f.statements, 'dynamodb:PutItem')).map((f) => f.service).sort();
  expect(putters).toEqual(['account-adjustments', 'account-contributions', 'account-pledges']);
});

test.each(['dynamodb:UpdateItem', 'dynamodb:DeleteItem'])('no function can %s a ledger item', (action) => {
  expect(functions.filter((f) => mayOnLedger(f.statements, action)).map((f) => f.service)).toEqual([]);
});

test('account-rates writes its rates but no ledger item', () => {
  const rates = functions.find((f) => f.service === 'account-rates');
  expect(rates && mayOnLedger(rates.statements, 'dynamodb:PutItem')).toBe(false);
  expect(rates?.statements.some((s) => s.Effect === 'Allow' && names(s.Action).includes('dynamodb:PutItem') && onTable(s.Resource))).toBe(true);
});

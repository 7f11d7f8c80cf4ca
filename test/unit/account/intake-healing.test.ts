import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { AccountStores } from '../../../functions/account/adapters/account-stores';
import { makeIntakeExecutions } from '../../../functions/account/adapters/intake-executions';
import { makeContributions } from '../../../functions/account/app/contributions';
import { makeIntakeWait } from '../../../functions/account/app/intake-outcome';
import { makeReconcileContributions } from '../../../functions/account/app/reconcile';
import { makeWorkflow } from '../../../functions/shared/aws/workflow';
import type { Caller } from '../../../functions/shared/roles';
import { startAccountTables } from '../../support/account-dynamo';

/**
 * A crash between the ledger append and the intake's StartExecution, healed: the report's
 * StartExecution fails once (the function died there), against the template's tables on
 * dynalite and a Step Functions endpoint that keeps executions by name as AWS does, composed
 * as the handlers compose them. The reconciler starts the missing intake; a replay of the
 * report answers the same contribution and starts nothing twice.
 */

const INTAKE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ContributionIntake';
const executions = new Map<string, { input: string; status: string }>();
let failNextStart = false;
let sfn: Server;
let stopTables: () => Promise<void>;
let contributions: ReturnType<typeof makeContributions>;
let reconcileContributions: ReturnType<typeof makeReconcileContributions>;
let reminders: AccountStores['reminders'];
let clock = new Date('2026-02-03T09:00:00.000Z');

/** The two calls the report and the reconciler make, answered the way the Step Functions API answers them. */
function stepFunctions(): Server {
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const input = JSON.parse(body) as { name?: string; input?: string; executionArn?: string };
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      const target = String(request.headers['x-amz-target']);
      if (target.endsWith('.StartExecution')) {
        if (failNextStart) {
          failNextStart = false;
          return reply(400, { __type: 'InvalidArn', message: 'the function died here' });
        }
        const name = String(input.name);
        const existing = executions.get(name);
        if (existing && (existing.status !== 'RUNNING' || existing.input !== input.input)) return reply(400, { __type: 'ExecutionAlreadyExists', message: 'Execution Already Exists' });
        if (!existing) executions.set(name, { input: String(input.input), status: 'RUNNING' });
        return reply(200, { executionArn: `${INTAKE_ARN.replace(':stateMachine:', ':execution:')}:${name}`, startDate: 1_800_000_000 });
      }
      if (target.endsWith('.DescribeExecution')) {
        const name = String(input.executionArn).split(':').at(-1) ?? '';
        const execution = executions.get(name);
        if (!execution) return reply(400, { __type: 'ExecutionDoesNotExist', message: 'Execution Does Not Exist' });
        return reply(200, { executionArn: input.executionArn, stateMachineArn: INTAKE_ARN, name, status: execution.status, startDate: 1_800_000_000 });
      }
      reply(400, { __type: 'UnknownOperationException' });
    });
  });
}

beforeAll(async () => {
  const tables = await startAccountTables();
  stopTables = tables.stop;
  sfn = stepFunctions();
  await new Promise<void>((resolve) => sfn.listen(0, '127.0.0.1', resolve));
  const client = new SFNClient({ endpoint: `http://127.0.0.1:${(sfn.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const workflow = makeWorkflow(client);
  const intake = makeIntakeExecutions(workflow, INTAKE_ARN);
  const { stores, tokens } = tables;
  reminders = stores.reminders;
  contributions = makeContributions({ stores, intake, wait: makeIntakeWait({ stores, tokens, workflow }), clock: () => clock });
  reconcileContributions = makeReconcileContributions({ stores, intake, clock: () => clock });
  await stores.donors.register({ donorId: 'NL', name: 'Netherlands', type: 'member-state', registeredAt: '2026-01-05T00:00:00.000Z', registeredBy: 'finance-1' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => sfn.close(() => resolve()));
  await stopTables();
});

const finance: Caller = { subject: 'finance-1', roles: ['finance'] };
const payment = { donorId: 'NL', amount: '5000.00', currency: 'EUR', valueDate: '2026-02-02', reference: 'NL-77' };
const KEY = 'finance-1 POST /contributions /contributions key-7';

test('the reconciler starts the intake a crash left unstarted; the replay answers the same contribution and starts nothing twice', async () => {
  failNextStart = true;
  await expect(contributions.report(finance, payment, KEY)).rejects.toThrow('the function died here');
  const [reported] = (await contributions.findContributions(finance, { status: 'reported' }, 10, undefined)).items;
  expect(reported).toMatchObject({ donorId: 'NL', status: 'reported' });
  expect(executions.size).toBe(0);

  expect(await reconcileContributions()).toEqual({ repairs: [reported.contributionId] });
  expect(executions.get(reported.contributionId)).toEqual({ input: JSON.stringify({ contributionId: reported.contributionId }), status: 'RUNNING' });
  expect(await reconcileContributions()).toEqual({ repairs: [] });
  // Finance reads what was repaired, once, beside the contribution's other reminders.
  const { items: repaired } = await reminders.list('repaired-contribution', 10, undefined);
  expect(repaired).toEqual([expect.objectContaining({ type: 'repaired-contribution', contributionId: reported.contributionId, donorId: 'NL', amount: '5000.00', currency: 'EUR', message: expect.stringMatching(/had no intake workflow.*reconciler started it/) })]);

  clock = new Date('2026-02-03T09:05:00.000Z');
  const replayed = await contributions.report(finance, payment, KEY);
  expect(replayed).toEqual(reported);
  expect(executions.size).toBe(1);
  expect((await contributions.findContributions(finance, {}, 10, undefined)).items).toHaveLength(1);
});

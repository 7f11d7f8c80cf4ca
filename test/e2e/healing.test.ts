import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { executionArnFor } from '../../functions/documents/app/views';
import { newId } from '../../functions/shared/record-ids';
import { LOCAL_CREDENTIALS } from '../../local/dynamo';
import { loadStack } from '../../local/template';
import { type Actors, type DocumentBody, actors, openJobs, submit, submission, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';

/**
 * A crash between the document's write and StartExecution, as the embedded DynamoDB holds it
 * afterwards (the symbol guard and the document, no execution, no stored response): the
 * client's replay finishes the submission, and without a replay the reconciler (its schedule
 * run every 300 ms here) does. Likewise a withdrawal that died after its status, before
 * StopExecution: the reconciler finishes it.
 */
let stack: LocalStack;
let who: Actors;
let db: DynamoDBDocumentClient;
let documentsTable: string;
let sfn: SFNClient;

beforeAll(async () => {
  stack = await LocalStack.start({ env: { LOCAL_SCHEDULE_INTERVAL_MS: '300' } });
  who = await actors(stack);
  const model = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat');
  documentsTable = model.tables.find((table) => table.name.startsWith('DataDocuments'))?.name ?? '';
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoUrl, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }));
  sfn = new SFNClient({ endpoint: stack.stepFunctionsUrl, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  db.destroy();
  sfn.destroy();
  await stack.stop();
});

/** What insertDocument leaves when the function dies right after it. */
async function crashedSubmission(id: string, body: Record<string, unknown>): Promise<void> {
  const at = new Date().toISOString();
  const symbol = String(body.symbol);
  await db.send(new PutCommand({ TableName: documentsTable, Item: { pk: `symbol#${symbol}`, sk: 'symbol', documentId: id } }));
  await db.send(new PutCommand({
    TableName: documentsTable,
    Item: {
      pk: `doc#${id}`, sk: 'document', kind: 'document', sessionCode: 'COSP-1', ...body, id, targetLanguages: ['fr'], wordLimitWaived: false, status: 'in-translation',
      languages: { en: { status: 'original', uri: body.sourceUri }, fr: { status: 'translation-requested' } }, storedFlags: [], submittedBy: 'local-secretariat', createdAt: at, updatedAt: at,
    },
  }));
}

test('the replay with the same Idempotency-Key answers 201 with the document and starts its pipeline (never 409 for its own symbol)', async () => {
  const body = submission({ targetLanguages: ['fr'] });
  const key = randomUUID();
  const id = newId('document', `local-secretariat POST /documents /documents ${key}`);
  await crashedSubmission(id, body);
  const replay = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers: { 'idempotency-key': key } });
  expect(replay.status).toBe(201);
  expect(replay.body).toMatchObject({ id, symbol: body.symbol, status: 'in-translation' });
  const [job] = await waitFor(() => openJobs(stack, who, id), 1, 'the translation job of the replayed submission');
  expect(job.targetLanguage).toBe('fr');
  // The same key again answers the same document, now from the stored first response.
  const again = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers: { 'idempotency-key': key } });
  expect(again).toMatchObject({ status: 201, body: { id } });
});

test('without a replay, the reconciler starts the pipeline and the document\'s history says so', async () => {
  const id = randomUUID();
  await crashedSubmission(id, submission({ targetLanguages: ['fr'] }));
  await waitFor(() => openJobs(stack, who, id), 1, 'the translation job the reconciler\'s execution opened');
  const history = await stack.request<{ items: { event: string; actor: string; detail?: string }[] }>('GET', `/documents/${id}/history`, { token: who.secretariat });
  expect(history.body.items.filter((event) => event.event === 'repaired')).toEqual([
    expect.objectContaining({ actor: 'reconciler', detail: 'pipeline-started: the document had no execution' }),
  ]);
});

test('a withdrawal that died before StopExecution: the reconciler stops the execution, closes the job and says so in the history', async () => {
  const { id } = await submit(stack, who, { targetLanguages: ['fr'] });
  await waitFor(() => openJobs(stack, who, id), 1, 'the translation job');
  // What the withdrawal leaves when it dies right after its status and its history event.
  const at = new Date().toISOString();
  await db.send(new UpdateCommand({
    TableName: documentsTable, Key: { pk: `doc#${id}`, sk: 'document' },
    UpdateExpression: 'SET #status = :withdrawn, updatedAt = :at', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':at': at },
  }));
  await db.send(new PutCommand({ TableName: documentsTable, Item: { pk: `doc#${id}`, sk: 'event#withdrawn', at, event: 'withdrawn', actor: 'local-secretariat', detail: 'Superseded' } }));

  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  const pipeline = stateMachines.find((machine) => machine.name?.startsWith('DocumentPipeline'));
  const executionArn = executionArnFor(String(pipeline?.stateMachineArn), id);
  await eventually(async () => ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'ABORTED' ? true : undefined), 'the execution to be stopped');
  await waitFor(() => openJobs(stack, who, id), 0, 'open translation jobs');
  // The repair is recorded after the execution is stopped and the job closed.
  const repairs = await eventually(async () => {
    const history = await stack.request<{ items: { event: string; actor: string; detail?: string }[] }>('GET', `/documents/${id}/history`, { token: who.secretariat });
    const repaired = history.body.items.filter((event) => event.event === 'repaired');
    return repaired.length > 0 ? repaired : undefined;
  }, 'the repair in the history');
  expect(repairs).toEqual([expect.objectContaining({ actor: 'reconciler', detail: 'withdrawal-finished: its execution was still running' })]);
});

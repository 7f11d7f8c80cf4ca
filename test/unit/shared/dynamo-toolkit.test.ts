import type { Server } from 'node:http';
import { ConditionalCheckFailedException, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, ifConditionHolds } from '../../../functions/shared/aws/conditional';
import { countItems, pages, queryItems, scanItems } from '../../../functions/shared/aws/pages';
import { updateExpression } from '../../../functions/shared/aws/update-expression';
import { LOCAL_CREDENTIALS, startDynamo } from '../../../local/dynamo';

/** The DynamoDB toolkit the functions, local/ and bench/ share: conditional writes, update expressions, paging. */

describe('update expressions', () => {
  test('every name and value goes through a placeholder; a name used twice has one', () => {
    const parts = updateExpression().set('status', 'completed').set(['languages', 'fr'], { status: 'translated' }).exists('pk').equals(['languages', 'fr', 'status'], 'translation-requested').build();
    expect(parts).toEqual({
      UpdateExpression: 'SET #n0 = :v0, #n1.#n2 = :v1',
      ConditionExpression: 'attribute_exists(#n3) AND #n1.#n2.#n0 = :v2',
      ExpressionAttributeNames: { '#n0': 'status', '#n1': 'languages', '#n2': 'fr', '#n3': 'pk' },
      ExpressionAttributeValues: { ':v0': 'completed', ':v1': { status: 'translated' }, ':v2': 'translation-requested' },
    });
  });

  test('SET and REMOVE together; an undefined value sets nothing; no values, no value map', () => {
    expect(updateExpression().setAll({ a: 1, b: undefined }).remove('c', 'd').build()).toEqual({
      UpdateExpression: 'SET #n0 = :v0 REMOVE #n1, #n2',
      ExpressionAttributeNames: { '#n0': 'a', '#n1': 'c', '#n2': 'd' },
      ExpressionAttributeValues: { ':v0': 1 },
    });
    expect(updateExpression().remove('x').notExists('y').build()).toEqual({
      UpdateExpression: 'REMOVE #n0',
      ConditionExpression: 'attribute_not_exists(#n1)',
      ExpressionAttributeNames: { '#n0': 'x', '#n1': 'y' },
    });
  });

  test('one of several statuses is an IN; one of one is an equality', () => {
    expect(updateExpression().set('s', 1).oneOf('status', ['a', 'b']).build().ConditionExpression).toBe('#n1 IN (:v1, :v2)');
    expect(updateExpression().set('s', 1).oneOf('status', ['a']).build().ConditionExpression).toBe('#n1 = :v1');
  });

  test('a value set only where it is missing names its attribute once', () => {
    expect(updateExpression().setIfAbsent('corrigenda', {}).exists('pk').build()).toEqual({
      UpdateExpression: 'SET #n0 = if_not_exists(#n0, :v0)',
      ConditionExpression: 'attribute_exists(#n1)',
      ExpressionAttributeNames: { '#n0': 'corrigenda', '#n1': 'pk' },
      ExpressionAttributeValues: { ':v0': {} },
    });
  });

  test('an update that changes nothing is a programming error, not a request', () => {
    expect(() => updateExpression().exists('pk').build()).toThrow('sets or removes');
  });
});

describe('conditional writes', () => {
  const refused = () => Promise.reject(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
  // A client of another SDK copy (local/ and a bundle): recognised by its name.
  const refusedByName = () => Promise.reject(Object.assign(new Error('failed'), { name: 'ConditionalCheckFailedException' }));

  test('a refused condition is `false` / `undefined`; the write’s result passes through', async () => {
    await expect(conditionally(refused)).resolves.toBe(false);
    await expect(conditionally(refusedByName)).resolves.toBe(false);
    await expect(ifConditionHolds(refused)).resolves.toBeUndefined();
    await expect(ifConditionHolds(() => Promise.resolve({ Attributes: { a: 1 } }))).resolves.toEqual({ Attributes: { a: 1 } });
    await expect(conditionally(() => Promise.resolve())).resolves.toBe(true);
  });

  test('any other error is thrown', async () => {
    await expect(conditionally(() => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
  });
});

describe('paging', () => {
  test('pages follow LastEvaluatedKey to the last page, and stop when the caller does', async () => {
    const keys: (string | undefined)[] = [];
    const read = (startKey: Record<string, unknown> | undefined) => {
      const at = typeof startKey?.k === 'string' ? Number(startKey.k) : 0;
      keys.push(startKey?.k as string | undefined);
      return Promise.resolve({ Items: [{ n: at }], Count: 1, ...(at < 3 && { LastEvaluatedKey: { k: String(at + 1) } }) });
    };
    const all = [];
    for await (const page of pages(read)) all.push(...(page.Items ?? []));
    expect(all).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(keys).toEqual([undefined, '1', '2', '3']);
    keys.length = 0;
    for await (const page of pages(read, { k: '2' })) if (page.Items?.length) break;
    expect(keys).toEqual(['2']);
  });
});

describe('against DynamoDB (dynalite)', () => {
  let server: Server;
  let db: DynamoDBDocumentClient;
  const TableName = 'Toolkit';

  beforeAll(async () => {
    const dynamo = await startDynamo(undefined, '127.0.0.1');
    server = dynamo.server;
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a conditional update moves a document and one language version, once', async () => {
    const Key = { pk: 'doc#1', sk: 'document' };
    await db.send(new PutCommand({ TableName, Item: { ...Key, status: 'in-translation', languages: { fr: { status: 'translation-requested', translationJobId: 'j1' } } } }));
    const move = () => {
      const update = updateExpression().set('status', 'in-editing').set(['languages', 'fr'], { status: 'translated', translationJobId: 'j1' });
      update.exists('pk').oneOf('status', ['in-translation', 'in-editing']).equals(['languages', 'fr', 'status'], 'translation-requested');
      return ifConditionHolds(() => db.send(new UpdateCommand({ TableName, Key, ...update.build(), ReturnValues: 'ALL_NEW' })));
    };
    expect((await move())?.Attributes).toMatchObject({ status: 'in-editing', languages: { fr: { status: 'translated' } } });
    await expect(move()).resolves.toBeUndefined();
    const removed = updateExpression().set('note', 'x').remove(['languages', 'fr', 'translationJobId']).exists('pk');
    await db.send(new UpdateCommand({ TableName, Key, ...removed.build() }));
    expect((await db.send(new GetCommand({ TableName, Key }))).Item).toEqual({ ...Key, status: 'in-editing', note: 'x', languages: { fr: { status: 'translated' } } });
  });

  test('a language offered to a job is set when it belonged to none or another job, never again once that job has it (a retried hand-off)', async () => {
    const Key = { pk: 'doc#3', sk: 'document' };
    await db.send(new PutCommand({ TableName, Item: { ...Key, languages: { fr: { status: 'translation-requested' } } } }));
    const offer = (jobId: string) =>
      conditionally(() => db.send(new UpdateCommand({ TableName, Key, ...updateExpression().set(['languages', 'fr'], { status: 'translation-requested', translationJobId: jobId }).differs(['languages', 'fr', 'translationJobId'], jobId).build() })));
    await expect(offer('j1')).resolves.toBe(true);
    await db.send(new UpdateCommand({ TableName, Key, ...updateExpression().set(['languages', 'fr', 'status'], 'translated').build() }));
    await expect(offer('j1')).resolves.toBe(false);
    expect((await db.send(new GetCommand({ TableName, Key }))).Item?.languages).toEqual({ fr: { status: 'translated', translationJobId: 'j1' } });
    await expect(offer('j2')).resolves.toBe(true);
  });

  test('a map created only where missing keeps what an earlier update put in it', async () => {
    const Key = { pk: 'doc#2', sk: 'document' };
    await db.send(new PutCommand({ TableName, Item: Key }));
    const addEntry = async (id: string) => {
      await db.send(new UpdateCommand({ TableName, Key, ...updateExpression().setIfAbsent('corrigenda', {}).exists('pk').build() }));
      await db.send(new UpdateCommand({ TableName, Key, ...updateExpression().set(['corrigenda', id], { symbol: id }).exists('pk').build() }));
    };
    await addEntry('c1');
    await addEntry('c2');
    expect((await db.send(new GetCommand({ TableName, Key }))).Item?.corrigenda).toEqual({ c1: { symbol: 'c1' }, c2: { symbol: 'c2' } });
  });

  test('queries and scans read every page; counts are counted by DynamoDB', async () => {
    for (let n = 0; n < 30; n++) await db.send(new PutCommand({ TableName, Item: { pk: 'many', sk: String(n).padStart(3, '0') } }));
    const query = { TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'many' }, Limit: 7 };
    expect((await queryItems(db, query)).map((item) => item.sk)).toEqual(Array.from({ length: 30 }, (_, n) => String(n).padStart(3, '0')));
    await expect(countItems(db, query)).resolves.toBe(30);
    expect(await scanItems(db, { TableName, FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'many' }, Limit: 4 })).toHaveLength(30);
  });
});

import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from 'zod';
import { dynamoClient } from '../../../functions/shared/aws/dynamo';
import { sfn } from '../../../functions/shared/aws/sfn';
import { countFact } from '../../../functions/shared/business-metrics';
import { NotFound } from '../../../functions/shared/errors';
import { apiHandler } from '../../../functions/shared/http/api-handler';
import { bind } from '../../../functions/shared/http/route';
import { logger } from '../../../functions/shared/observability';
import { stepHandler } from '../../../functions/shared/step-handler';

/**
 * What the shared wrappers add to every invocation: correlation keys in each log line (gone
 * with the invocation), and the business metrics it counted flushed as one EMF record at its
 * end; an invocation that counted nothing prints no record and no warning.
 */
type Line = Record<string, unknown>;

/** Runs `invoke` and returns what it printed on stdout and stderr: JSON lines (the Logger's, EMF records) and any other text. */
async function printed(invoke: () => Promise<unknown>): Promise<Line[]> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await invoke();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks.join('').split('\n').filter((line) => line.trim() !== '').map((line) => (line.startsWith('{') ? (JSON.parse(line) as Line) : { text: line }));
}

const isEmf = (line: Line) => '_aws' in line;
const logLines = (lines: Line[]) => lines.filter((line) => !isEmf(line));

let requests = 0;
function lambdaContext(): Context {
  requests += 1;
  return {
    functionName: 'fn', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn', memoryLimitInMB: '512',
    awsRequestId: `request-${requests}`, logGroupName: '/aws/lambda/fn', logStreamName: 'local', callbackWaitsForEmptyEventLoop: false,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the Context type still requires the legacy callbacks
    getRemainingTimeInMillis: () => 10_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

describe('a workflow step', () => {
  const step = stepHandler(z.unknown(), async (input) => {
    logger.info('working');
    if (typeof input === 'object' && input !== null && 'documentId' in input) countFact('DocumentPublished', { documentId: String(input.documentId) });
    return {};
  });

  test('logs what it works on, never its task token; the next invocation does not inherit it', async () => {
    const first = await printed(() => step({ documentId: 'doc-1', language: 'fr', round: 1, attempt: 2, taskToken: 'secret-token' }, lambdaContext()));
    const [working] = logLines(first);
    expect(working).toMatchObject({ message: 'working', documentId: 'doc-1', language: 'fr', round: 1, attempt: 2, function_request_id: 'request-1' });
    expect(JSON.stringify(first)).not.toContain('secret-token');

    const scheduled = { version: '0', id: 'event-7', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };
    const [next] = logLines(await printed(() => step(scheduled, lambdaContext())));
    expect(next).toMatchObject({ message: 'working', correlation_id: 'event-7', function_request_id: 'request-2' });
    expect(next).not.toHaveProperty('documentId');
  });

  test('flushes the facts it counted as one EMF record, with their ids as metadata', async () => {
    const records = (await printed(() => step({ documentId: 'doc-2' }, lambdaContext()))).filter(isEmf);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ DocumentPublished: 1, documentId: 'doc-2', service: expect.any(String) });
    expect(records[0]._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'UNODC/Secretariat', Dimensions: [['service']], Metrics: [{ Name: 'DocumentPublished', Unit: 'Count' }] }] });
  });

  test('counting nothing prints no record and no warning', async () => {
    const lines = await printed(() => step({ round: 1 }, lambdaContext()));
    expect(lines.filter(isEmf)).toEqual([]);
    expect(lines.filter((line) => line.level === 'WARN' || 'text' in line)).toEqual([]);
  });
});

describe('an API call', () => {
  const withdraw = {
    method: 'POST', path: '/documents/{id}/withdraw', lambda: 'documents', access: 'public', summary: 'test route',
    params: z.strictObject({ id: z.string() }), success: { status: 200 },
  } as const;
  const list = { method: 'GET', path: '/documents', lambda: 'documents', access: 'public', summary: 'test route', success: { status: 200 } } as const;
  const handler = apiHandler([
    bind(withdraw, async ({ params }) => {
      if (params.id === 'unknown') throw new NotFound(`No document ${params.id}`);
      countFact('DocumentWithdrawn', { documentId: params.id });
      return { body: {} };
    }),
    bind(list, async () => {
      logger.info('listing');
      return { body: { items: [] } };
    }),
  ]);
  const event = (routeKey: string, rawPath: string, requestId: string, pathParameters?: Record<string, string>) =>
    ({ routeKey, rawPath, requestContext: { requestId }, headers: {}, ...(pathParameters && { pathParameters }) }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

  test('logs with the API Gateway request id as correlation_id and the path\'s id under its name; the next call does not inherit them', async () => {
    const refused = logLines(await printed(() => handler(event('POST /documents/{id}/withdraw', '/documents/unknown/withdraw', 'api-req-1', { id: 'unknown' }), lambdaContext())));
    expect(refused).toEqual([expect.objectContaining({ message: 'request refused', status: 404, correlation_id: 'api-req-1', documentId: 'unknown', route: 'POST /documents/{id}/withdraw' })]);

    const [listing] = logLines(await printed(() => handler(event('GET /documents', '/documents', 'api-req-2'), lambdaContext())));
    expect(listing).toMatchObject({ message: 'listing', correlation_id: 'api-req-2' });
    expect(listing).not.toHaveProperty('documentId');
  });

  test('a refused call counts nothing; a successful one flushes its fact', async () => {
    const refused = await printed(() => handler(event('POST /documents/{id}/withdraw', '/documents/unknown/withdraw', 'api-req-3', { id: 'unknown' }), lambdaContext()));
    expect(refused.filter(isEmf)).toEqual([]);
    const done = await printed(() => handler(event('POST /documents/{id}/withdraw', '/documents/d-9/withdraw', 'api-req-4', { id: 'd-9' }), lambdaContext()));
    expect(done.filter(isEmf)).toEqual([expect.objectContaining({ DocumentWithdrawn: 1, documentId: 'd-9' })]);
  });
});

describe('the SDK clients', () => {
  const instrumented = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().some((name) => name.startsWith('XRaySDKInstrumentation'));

  test('outside Lambda (the embedded stack, the tests) the tracer leaves them as they are', () => {
    expect([instrumented(dynamoClient), instrumented(sfn)]).toEqual([false, false]);
  });

  test('in Lambda every DynamoDB and Step Functions call is an X-Ray subsegment', async () => {
    const saved = { ...process.env };
    // What Lambda sets; HTTP capture off, so that no global module is patched in this worker.
    Object.assign(process.env, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false' });
    try {
      let clients: { middlewareStack: { identify(): string[] } }[] = [];
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports -- a fresh module registry, with Lambda's environment */
        const { dynamoClient } = require('../../../functions/shared/aws/dynamo') as typeof import('../../../functions/shared/aws/dynamo');
        const { sfn } = require('../../../functions/shared/aws/sfn') as typeof import('../../../functions/shared/aws/sfn');
        /* eslint-enable @typescript-eslint/no-require-imports */
        clients = [dynamoClient, sfn];
      });
      expect(clients.map(instrumented)).toEqual([true, true]);
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is a map of names
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    }
  });
});

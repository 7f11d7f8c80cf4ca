import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { catalogue } from '../../functions/api/catalogue';
import { openApiDocument } from '../../functions/api/openapi';
import { OPENAPI_FILE } from '../../functions/api/openapi-file';
import { loadStack } from '../../local/template';

/**
 * The meta function (GET /health, GET /openapi.json) serves the OpenAPI document the synth built
 * from the catalogue, shipped next to its bundle; the bundle itself holds nothing that builds it.
 */
const functions = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat').functions;
const meta = functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'meta');
const documents = functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'documents');
const bundleOf = (fn: typeof meta) => readFileSync(String(fn?.bundle), 'utf8');

test('its asset holds the document of the catalogue, byte for byte', () => {
  expect(meta).toBeDefined();
  const shipped = readFileSync(path.join(path.dirname(String(meta?.bundle)), OPENAPI_FILE), 'utf8');
  expect(shipped).toBe(JSON.stringify(openApiDocument(catalogue)));
});

test('its bundle holds no zod, no route schema and no X-Ray SDK (a bundle that has them shows the markers)', () => {
  const markers = ['"$ZodType"', 'DocumentSubmission', 'captureAWSv3Client'];
  const present = (bundle: string) => markers.filter((marker) => bundle.includes(marker));
  expect(present(bundleOf(documents))).toEqual(markers);
  expect(present(bundleOf(meta))).toEqual([]);
});

test('GET /health does not read the document: the bundle answers it with no document beside it', async () => {
  const alone = path.join(mkdtempSync(path.join(tmpdir(), 'meta-alone-')), 'index.js');
  copyFileSync(String(meta?.bundle), alone);
  // Its logger reads the level once, when the bundle loads: the expected failure below stays quiet.
  const level = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const { handler } = createRequire(alone)(alone) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }> };
  if (level === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = level;
  const request = (routeKey: string) => handler(
    { routeKey, rawPath: routeKey.split(' ')[1], headers: {}, requestContext: { requestId: `req ${routeKey}` } },
    { awsRequestId: 'a-1', functionName: 'meta', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:meta', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 10_000 },
  );
  const health = await request('GET /health');
  expect([health.statusCode, health.body]).toEqual([200, '{"status":"ok"}']);
  expect((await request('GET /openapi.json')).statusCode).toBe(500);
  rmSync(path.dirname(alone), { recursive: true });
});

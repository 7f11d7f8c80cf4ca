import { catalogue } from '../../functions/api/catalogue';
import { openApiDocument } from '../../functions/api/openapi';
import { LocalStack } from '../support/stack';

/** The served OpenAPI document describes every route of the catalogue (docs/API.md is checked against it in api-reference.test.ts). */
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; 'x-roles': string[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

let stack: LocalStack;
let document: OpenApi;
beforeAll(async () => {
  stack = await LocalStack.start();
  document = (await stack.request<OpenApi>('GET', '/openapi.json')).body;
});
afterAll(() => stack.stop());

test('is served as the synth built it: the very text of openApiDocument(catalogue)', async () => {
  const response = await fetch(`${stack.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await response.text()).toBe(JSON.stringify(openApiDocument(catalogue)));
});

test('is OpenAPI 3.1 with every route of the catalogue, its roles and its problems', () => {
  expect(document.openapi).toBe('3.1.0');
  for (const route of catalogue) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a route missing from the document is what this catches
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(operation.responses[String(route.success.status)]).toBeDefined();
    expect(operation['x-roles']).toEqual(route.access === 'public' ? [] : route.access);
    if (route.access !== 'public') expect(operation.responses['403']).toBeDefined();
    if (route.body) expect(operation.requestBody).toBeDefined();
  }
  expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Document', 'DocumentSubmission', 'TranslationJob']));
});

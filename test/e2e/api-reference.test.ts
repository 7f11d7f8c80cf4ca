import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalStack } from '../support/stack';

/** docs/API.md, the project's own API reference, names exactly the routes, roles and statuses the served OpenAPI document has. */
interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; 'x-roles': string[] }>>;
}

const reference = readFileSync(path.join(__dirname, '..', '..', 'docs', 'API.md'), 'utf8');
const documented = [...reference.matchAll(/^\| `(GET|POST|PUT|DELETE|PATCH) (\/[^`]*)` \| ([^|]+) \| (\d{3}) \|/gm)].map(([, method, route, roles, status]) => ({
  key: `${method} ${route}`,
  roles: roles.trim() === 'public' ? [] : roles.split(',').map((role) => role.trim()),
  status,
}));

let served: { key: string; roles: string[]; statuses: string[] }[];
beforeAll(async () => {
  const stack = await LocalStack.start();
  try {
    const document = (await stack.request<OpenApi>('GET', '/openapi.json')).body;
    served = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${route}`, roles: operation['x-roles'], statuses: Object.keys(operation.responses) })),
    );
  } finally {
    await stack.stop();
  }
});

test('every served route is in the reference, with its roles and success status', () => {
  expect(documented.length).toBeGreaterThan(30);
  for (const route of served) {
    const entry = documented.find((candidate) => candidate.key === route.key);
    expect({ route: route.key, documented: entry !== undefined }).toEqual({ route: route.key, documented: true });
    expect({ route: route.key, roles: entry?.roles }).toEqual({ route: route.key, roles: route.roles });
    expect(route.statuses).toContain(entry?.status);
  }
});

test('the reference names no route that is not served', () => {
  const keys = served.map((route) => route.key);
  expect(documented.map((entry) => entry.key).filter((key) => !keys.includes(key))).toEqual([]);
});

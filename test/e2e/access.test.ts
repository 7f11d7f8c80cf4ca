import * as path from 'node:path';
import { loadStack } from '../../local/template';
import { LocalStack } from '../support/stack';

/**
 * Every route × every role. The table is the test's own statement of who may call what:
 * a route of the template missing from it (or listed here but not served) fails the test.
 */
const ROLES = ['secretariat', 'editor', 'translator', 'printer', 'donor', 'finance'] as const;
type Role = (typeof ROLES)[number];
const PUBLIC = 'public';

export const ACCESS: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /health': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'GET /publications': PUBLIC,
  'POST /documents': ['secretariat'],
  'GET /documents': ['secretariat', 'editor'],
  'GET /documents/{id}': ['secretariat', 'editor'],
  'GET /documents/{id}/history': ['secretariat', 'editor'],
  'POST /documents/{id}/withdraw': ['secretariat'],
  'GET /translation-jobs': ['translator'],
  'GET /translation-jobs/{jobId}': ['translator'],
  'POST /translation-jobs/{jobId}/heartbeat': ['translator'],
  'POST /translation-jobs/{jobId}/complete': ['translator'],
  'POST /translation-jobs/{jobId}/fail': ['translator'],
  'GET /editing-tasks': ['editor'],
  'POST /editing-tasks/{taskId}/decision': ['editor'],
  'POST /editing-tasks/{taskId}/heartbeat': ['editor'],
  'GET /print-jobs': ['printer'],
  'POST /print-jobs/{jobId}/complete': ['printer'],
  'POST /print-jobs/{jobId}/heartbeat': ['printer'],
  // Conference management plans sessions; editors read the plan to see what is coming.
  'PUT /sessions/{code}': ['secretariat'],
  'GET /sessions/{code}': ['secretariat', 'editor'],
  'POST /sessions/{code}/slots': ['secretariat'],
  'GET /sessions/{code}/slots': ['secretariat', 'editor'],
  'GET /sessions/{code}/plan': ['secretariat', 'editor'],
  ...ACCOUNT_ACCESS(),
};

/**
 * The article 56 routes. `donor` is listed where a donor token may call for its own donorId and
 * gets a non-refused answer here (its own empty lists, 404 for an unknown record, 400 for an
 * empty body). Routes whose path names a donor are listed for `finance` only: the probe's path
 * id ('no-such-id') is not the probe token's donorId ('no-such-donor'), so a donor is refused
 * (403, the row's check); account-rules.test.ts checks that a donor reads its own.
 */
function ACCOUNT_ACCESS(): Record<string, readonly Role[] | typeof PUBLIC> {
  const both = ['finance', 'donor'] as const;
  return {
    'PUT /exchange-rates/{month}': ['finance'],
    'GET /exchange-rates/{month}': both,
    'POST /donors': ['finance'],
    'GET /donors': both,
    'GET /donors/{donorId}': ['finance'],
    'GET /donors/{donorId}/statement': ['finance'],
    'POST /pledges': both,
    'GET /pledges': both,
    'GET /pledges/{id}': both,
    'POST /pledges/{id}/cancel': ['finance'],
    'POST /contributions': both,
    'GET /contributions': both,
    'GET /contributions/{id}': both,
    'POST /contributions/{id}/confirm': ['finance'],
    'POST /contributions/{id}/reject': ['finance'],
    'POST /contributions/{id}/heartbeat': ['finance'],
    'POST /adjustments': ['finance'],
    'GET /account/summary': ['finance'],
    'GET /account/export': ['finance'],
    'GET /account/reminders': ['finance'],
    'GET /account/report': ['finance'],
    'GET /contributions/{id}/receipt.pdf': both,
    'GET /donors/{donorId}/statement.pdf': ['finance'],
  };
}

const served = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat').routes.map((route) => route.routeKey);

let stack: LocalStack;
beforeAll(async () => {
  stack = await LocalStack.start();
});
afterAll(() => stack.stop());

test('the table covers exactly the routes the stack serves', () => {
  expect(Object.keys(ACCESS).sort()).toEqual([...served].sort());
});

const concrete = (routeKey: string) => {
  const [method, template] = routeKey.split(' ');
  return { method, url: template.replace(/\{[^}]+\}/g, 'no-such-id').replace('/exchange-rates/no-such-id', '/exchange-rates/2027-01') };
};

describe.each(Object.entries(ACCESS))('%s', (routeKey, allowed) => {
  const { method, url } = concrete(routeKey);
  const body = method === 'GET' ? undefined : {};

  if (allowed === PUBLIC) {
    test('answers without a token', async () => {
      const reply = await stack.request(method, url);
      expect([401, 403]).not.toContain(reply.status);
      expect(reply.status).toBeLessThan(500);
    });
    return;
  }

  test('refuses a request without a token (401)', async () => {
    expect((await stack.request(method, url, { body })).status).toBe(401);
  });

  test('refuses a forged token (401)', async () => {
    expect((await stack.request(method, url, { body, token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiZmluYW5jZSJdfQ.' })).status).toBe(401);
  });

  test.each(ROLES)('role %s', async (role) => {
    const token = await stack.token(role, role === 'donor' ? { donorId: 'no-such-donor' } : {});
    const reply = await stack.request(method, url, { body, token });
    if (allowed.includes(role)) {
      expect([401, 403]).not.toContain(reply.status);
      expect(reply.status).toBeLessThan(500);
    } else {
      expect(reply.status).toBe(403);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

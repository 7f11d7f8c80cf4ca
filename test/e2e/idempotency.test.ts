import { type Actors, type DocumentBody, actors, submission } from '../support/chain';
import { LocalStack } from '../support/stack';
import { executionStatus, executionCount } from '../support/workflow';

let stack: LocalStack;
let who: Actors;

beforeAll(async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
});
afterAll(() => stack.stop());

const documentsOfSession = async (session: string) =>
  (await stack.request<{ items: DocumentBody[] }>('GET', `/documents?session=${session}&limit=100`, { token: who.secretariat })).body.items;

describe('Idempotency-Key on document submission', () => {
  test('50 parallel submissions with one key give one document and one execution', async () => {
    const body = submission({ session: { code: 'IDEM-1', startsOn: '2027-06-01' } });
    const executionsBefore = await executionCount(stack);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers: { 'idempotency-key': 'submit-idem-1' } })),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const created = replies.filter((reply) => reply.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((reply) => reply.text)).size).toBe(1);

    const documents = await documentsOfSession('IDEM-1');
    expect(documents).toHaveLength(1);
    expect(documents[0].id).toBe(created[0].body.id);
    expect(await executionCount(stack)).toBe(executionsBefore + 1);
    expect(await executionStatus(stack, documents[0].id)).toBe('RUNNING');

    const replay = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body, headers: { 'idempotency-key': 'submit-idem-1' } });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(created[0].text);
  });

  test('the same key with another body is a 422 and creates nothing', async () => {
    const body = submission({ session: { code: 'IDEM-2', startsOn: '2027-06-01' } });
    const first = await stack.request('POST', '/documents', { token: who.secretariat, body, headers: { 'idempotency-key': 'submit-idem-2' } });
    expect(first.status).toBe(201);
    const other = await stack.request('POST', '/documents', { token: who.secretariat, body: { ...body, title: 'Another title' }, headers: { 'idempotency-key': 'submit-idem-2' } });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(await documentsOfSession('IDEM-2')).toHaveLength(1);
  });

  test('keys are scoped to the caller', async () => {
    const body = submission({ session: { code: 'IDEM-3', startsOn: '2027-06-01' } });
    const alice = await stack.token('secretariat', { sub: 'alice' });
    const bob = await stack.token('secretariat', { sub: 'bob' });
    const first = await stack.request('POST', '/documents', { token: alice, body, headers: { 'idempotency-key': 'shared-key' } });
    expect(first.status).toBe(201);
    // Bob's request is his own: it runs, and meets the symbol Alice already holds.
    const second = await stack.request('POST', '/documents', { token: bob, body, headers: { 'idempotency-key': 'shared-key' } });
    expect(second.status).toBe(409);
  });

  test('an Idempotency-Key longer than 255 characters is refused', async () => {
    const reply = await stack.request('POST', '/documents', { token: who.secretariat, body: submission(), headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(reply.status).toBe(400);
  });
});

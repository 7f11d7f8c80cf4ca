import { type Actors, actors, submission } from '../support/chain';
import { LocalStack } from '../support/stack';

let stack: LocalStack;
let who: Actors;

beforeAll(async () => {
  stack = await LocalStack.start();
  who = await actors(stack);
});
afterAll(() => stack.stop());

const countDocuments = async () => (await stack.request<{ items: unknown[] }>('GET', '/documents?limit=100', { token: who.secretariat })).body.items.length;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describe('bad input answers problem+json 4xx and changes nothing', () => {
  // Every row has all four cells: jest takes a missing one for a `done` callback.
  const cases: [string, { raw?: string; body?: unknown }, number, string | undefined][] = [
    ['malformed JSON', { raw: '{"symbol": "A/1",' }, 400, undefined],
    ['a JSON array instead of an object', { raw: '[]' }, 400, undefined],
    ['no body at all', { raw: '' }, 400, undefined],
    ['an unknown field', { body: submission({ colour: 'blue' }) }, 400, 'colour'],
    ['a wrong type', { body: submission({ wordCount: '5000' }) }, 400, 'wordCount'],
    ['a word count out of range', { body: submission({ wordCount: 0 }) }, 400, 'wordCount'],
    ['a bad symbol', { body: submission({ symbol: 'not a symbol' }) }, 400, 'symbol'],
    ['a symbol with an empty component', { body: submission({ symbol: 'A//27' }) }, 400, 'symbol'],
    ['a missing session for a pre-session document', { body: submission({ session: undefined }) }, 400, 'session'],
    ['an impossible date', { body: submission({ session: { code: 'X', startsOn: '2027-02-30' } }) }, 400, 'session.startsOn'],
    ['the original among the targets', { body: submission({ targetLanguages: ['en', 'fr'] }) }, 400, 'targetLanguages'],
    ['a language that is not official', { body: submission({ targetLanguages: ['de'] }) }, 400, 'targetLanguages.0'],
    ['a repeated target language', { body: submission({ targetLanguages: ['fr', 'fr'] }) }, 400, 'targetLanguages'],
    ['a title over 500 characters', { body: submission({ title: 'x'.repeat(501) }) }, 400, 'title'],
    ['a body over 256 KiB', { body: submission({ title: 'x'.repeat(300 * 1024) }) }, 413, undefined],
  ];

  test.each(cases)('%s', async (_name, input, status, path) => {
    const before = await countDocuments();
    const reply = await stack.request<Problem>('POST', '/documents', { token: who.secretariat, headers: { 'content-type': 'application/json' }, ...input });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^urn:unodc:problem:/) });
    expect(reply.text).not.toMatch(/at .*\.(js|ts):\d+/);
    if (path) expect(reply.body.errors?.map((error) => error.path)).toContain(path);
    expect(await countDocuments()).toBe(before);
  });

  test.each([
    ['/documents?limit=0', 'limit'],
    ['/documents?limit=101', 'limit'],
    ['/documents?status=lost', 'status'],
    ['/documents?cursor=not-a-cursor', 'cursor'],
    ['/documents?colour=blue', 'query'],
  ])('a bad query %s', async (url) => {
    const reply = await stack.request<Problem>('GET', url, { token: who.secretariat });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
  });

  test('a callback with a bad body is refused', async () => {
    expect((await stack.request('POST', '/translation-jobs/x/complete', { token: who.translator, body: { translatedUri: 42 } })).status).toBe(400);
    expect((await stack.request('POST', '/translation-jobs/x/complete', { token: who.translator, body: { translatedUri: 'not a uri' } })).status).toBe(400);
    expect((await stack.request('POST', '/editing-tasks/x/decision', { token: who.editor, body: { decision: 'maybe' } })).status).toBe(400);
    expect((await stack.request('POST', '/print-jobs/x/complete', { token: who.printer, body: { copiesPrinted: -1 } })).status).toBe(400);
  });

  test.each([
    ['/account/report', 400, 'year'],
    ['/account/report?year=2026&format=pdf', 400, 'format'],
    ['/account/report?year=1776', 400, 'year'],
    ['/account/report?year=2026&colour=blue', 400, 'query'],
    ['/donors/NO/statement.pdf?year=twenty', 400, 'year'],
    ['/donors/not%20an%20id/statement.pdf', 400, 'donorId'],
    ['/donors/NOBODY/statement.pdf', 404, undefined],
    ['/contributions/no-such-contribution/receipt.pdf', 404, undefined],
  ])('the report and the PDFs refuse %s with a problem %d', async (url, status, path) => {
    const reply = await stack.request<Problem>('GET', url, { token: await stack.token('finance') });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    if (path) expect(reply.body.errors?.map((error) => error.path).join(' ')).toContain(path);
  });

  test('an unknown route is 404 and an unknown document is a problem 404', async () => {
    expect((await stack.request('GET', '/nowhere')).status).toBe(404);
    const reply = await stack.request<Problem>('GET', '/documents/unknown-id', { token: who.secretariat });
    expect(reply.status).toBe(404);
    expect(reply.body.status).toBe(404);
  });

  test('a bad slot id on a submission is a 400 at slotId', async () => {
    const reply = await stack.request<Problem>('POST', '/documents', { token: who.secretariat, body: submission({ slotId: 'no/slashes' }) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((error) => error.path)).toContain('slotId');
  });

  test('a duplicate symbol among live documents is a 409', async () => {
    const body = submission();
    expect((await stack.request('POST', '/documents', { token: who.secretariat, body })).status).toBe(201);
    const before = await countDocuments();
    const duplicate = await stack.request<Problem>('POST', '/documents', { token: who.secretariat, body: { ...body, title: 'Other' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain(String(body.symbol));
    expect(await countDocuments()).toBe(before);
  });
});

describe('bad input to session planning answers problem+json 400 and changes nothing', () => {
  const code = 'COSP-BAD-INPUT';
  const session = { title: 'First session', startsOn: '2027-06-01' };
  const slot = { title: 'Report', category: 'pre-session', originalLanguage: 'en', expectedWords: 5000, expectedSubmissionOn: '2027-03-01', origin: 'secretariat' };
  const slotCount = async () => (await stack.request<{ items: unknown[] }>('GET', `/sessions/${code}/slots?limit=100`, { token: who.secretariat })).body.items.length;

  beforeAll(async () => {
    expect((await stack.request('PUT', `/sessions/${code}`, { token: who.secretariat, body: session })).status).toBe(200);
  });

  test.each([
    ['an unknown field', { ...session, colour: 'blue' }, 'colour'],
    ['no title', { startsOn: '2027-06-01' }, 'title'],
    ['an impossible date', { ...session, startsOn: '2027-02-30' }, 'startsOn'],
    ['an end before the start', { ...session, endsOn: '2027-05-31' }, 'endsOn'],
    ['a title over 500 characters', { ...session, title: 'x'.repeat(501) }, 'title'],
    ['a venue over 200 characters', { ...session, venue: 'x'.repeat(201) }, 'venue'],
  ])('a session with %s', async (_name, body, path) => {
    const reply = await stack.request<Problem>('PUT', `/sessions/${code}`, { token: who.secretariat, body });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body.errors?.map((error) => error.path)).toContain(path);
    expect((await stack.request('GET', `/sessions/${code}`, { token: who.secretariat })).body).toMatchObject(session);
  });

  test('a session code that is not one', async () => {
    expect((await stack.request('PUT', `/sessions/${encodeURIComponent('bad*code')}`, { token: who.secretariat, body: session })).status).toBe(400);
  });

  test.each([
    ['an unknown field', { ...slot, colour: 'blue' }, 'colour'],
    ['no expected words', { ...slot, expectedWords: undefined }, 'expectedWords'],
    ['expected words as a string', { ...slot, expectedWords: '5000' }, 'expectedWords'],
    ['expected words out of range', { ...slot, expectedWords: 200_001 }, 'expectedWords'],
    ['an impossible submission date', { ...slot, expectedSubmissionOn: '2027-13-01' }, 'expectedSubmissionOn'],
    ['the original among the targets', { ...slot, targetLanguages: ['en'] }, 'targetLanguages'],
    ['a repeated target language', { ...slot, targetLanguages: ['fr', 'fr'] }, 'targetLanguages'],
    ['a bad symbol', { ...slot, symbol: 'not a symbol' }, 'symbol'],
    ['a mandate over 500 characters', { ...slot, mandate: 'x'.repeat(501) }, 'mandate'],
    ['an unknown category', { ...slot, category: 'memo' }, 'category'],
  ])('a slot with %s', async (_name, body, path) => {
    const before = await slotCount();
    const reply = await stack.request<Problem>('POST', `/sessions/${code}/slots`, { token: who.secretariat, body });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body.errors?.map((error) => error.path)).toContain(path);
    expect(await slotCount()).toBe(before);
  });

  test.each([`/sessions/${code}/slots?limit=0`, `/sessions/${code}/slots?cursor=not-a-cursor`, `/sessions/${code}/slots?colour=blue`])(
    'a bad query %s',
    async (url) => {
      const reply = await stack.request<Problem>('GET', url, { token: who.secretariat });
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
    },
  );
});

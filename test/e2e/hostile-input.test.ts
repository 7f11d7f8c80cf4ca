import { accountClient, type Page, type PledgeBody, type Problem } from '../support/account';
import { type Actors, actors, submit, submission } from '../support/chain';
import { LocalStack } from '../support/stack';

/**
 * Input an attacker would try, against every list and every URI field: each is a clear
 * problem+json 400, never a 500, and changes nothing.
 */
let stack: LocalStack;
let who: Actors & { finance: string; donorDE: string; donorFR: string };

beforeAll(async () => {
  stack = await LocalStack.start();
  const [chain, finance, donorDE, donorFR] = await Promise.all([actors(stack), stack.token('finance'), stack.token('donor', { donorId: 'DE' }), stack.token('donor', { donorId: 'FR' })]);
  who = { ...chain, finance, donorDE, donorFR };
  const account = accountClient(stack, finance);
  await account.setRates('2027-01', { EUR: '0.9200' });
  await account.registerDonor('DE', 'Germany');
  await account.registerDonor('FR', 'France');
  for (const [donorId, token] of [['DE', donorDE], ['FR', donorFR]] as const) {
    for (const amount of ['1000.00', '2000.00']) await account.pledge({ donorId, amount, currency: 'EUR', pledgedOn: '2027-01-10' }, token);
  }
  await submit(stack, who);
  await submit(stack, who);
});
afterAll(() => stack.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const forged: [string, string][] = [
  ['a key of another shape', b64({ x: 'y' })],
  ['an empty key', b64({})],
  ['a nested value', b64({ pk: { S: 'doc#1' } })],
  ['a key with too many attributes', b64({ a: '1', b: '2', c: '3', d: '4', e: '5' })],
  ['a table key without the index key', b64({ pk: 'document#1', sk: 'document' })],
  ['not base64 JSON', 'not-a-cursor'],
  ['a JSON string', b64('pk')],
];

function lists(): [string, string | undefined][] {
  return [
    ['/documents', who.secretariat],
    ['/documents?status=in-translation', who.secretariat],
    ['/documents?session=COSP-1', who.secretariat],
    ['/translation-jobs?status=open', who.translator],
    ['/editing-tasks?status=open', who.editor],
    ['/print-jobs?status=open', who.printer],
    ['/publications', undefined],
    ['/publications?session=COSP-1', undefined],
    ['/donors', who.finance],
    ['/pledges', who.finance],
    ['/pledges?status=open', who.finance],
    ['/pledges?donorId=DE', who.donorDE],
    ['/contributions', who.finance],
    ['/contributions?donorId=DE', who.donorDE],
    ['/account/reminders', who.finance],
  ];
}

async function expectCursorRefused(url: string, token: string | undefined): Promise<void> {
  const reply = await stack.request<Problem>('GET', url, { token });
  expect({ url, status: reply.status }).toEqual({ url, status: 400 });
  expect(reply.headers.get('content-type')).toBe('application/problem+json');
  expect(reply.body.errors?.map((error) => error.path)).toEqual(['cursor']);
}

describe('forged cursors are a 400 on every list', () => {
  test.each(forged)('%s', async (_what, cursor) => {
    for (const [list, token] of lists()) await expectCursorRefused(`${list}${list.includes('?') ? '&' : '?'}cursor=${cursor}`, token);
  });

  test('a real cursor still pages through its own list', async () => {
    const first = await stack.request<Page<PledgeBody>>('GET', '/pledges?donorId=DE&limit=1', { token: who.donorDE });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await stack.request<Page<PledgeBody>>('GET', `/pledges?donorId=DE&limit=1&cursor=${String(first.body.nextCursor)}`, { token: who.donorDE });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].pledgeId).not.toBe(first.body.items[0].pledgeId);
  });

  test('a cursor cannot move a list into another partition: another donor, another status', async () => {
    const de = await stack.request<Page<PledgeBody>>('GET', '/pledges?donorId=DE&limit=1', { token: who.donorDE });
    await expectCursorRefused(`/pledges?donorId=FR&limit=1&cursor=${String(de.body.nextCursor)}`, who.donorFR);
    const docs = await stack.request<Page<unknown>>('GET', '/documents?status=in-translation&limit=1', { token: who.secretariat });
    expect(docs.body.nextCursor).toEqual(expect.any(String));
    await expectCursorRefused(`/documents?status=completed&cursor=${String(docs.body.nextCursor)}`, who.secretariat);
  });
});

describe('URIs are https: or s3: only', () => {
  const refused = ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'http://example.org/a.docx', 'ftp://example.org/a.docx', 's3:no-bucket'];

  test.each(refused)('a document whose sourceUri is %s is refused, and nothing is submitted', async (sourceUri) => {
    const count = async () => (await stack.request<Page<unknown>>('GET', '/documents?limit=100', { token: who.secretariat })).body.items.length;
    const before = await count();
    const reply = await stack.request<Problem>('POST', '/documents', { token: who.secretariat, body: submission({ sourceUri }) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((error) => error.path)).toEqual(['sourceUri']);
    expect(await count()).toBe(before);
  });

  test.each(refused)('a translation delivered at %s is refused', async (translatedUri) => {
    const reply = await stack.request<Problem>('POST', '/translation-jobs/any-job/complete', { token: who.translator, body: { translatedUri } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((error) => error.path)).toEqual(['translatedUri']);
  });

  test('https: and s3: sources are accepted', async () => {
    for (const sourceUri of ['https://documents.unodc.org/cosp/1.docx', 's3://unodc-originals/cosp/2.docx']) {
      const reply = await stack.request('POST', '/documents', { token: who.secretariat, body: submission({ sourceUri }) });
      expect(reply.status).toBe(201);
    }
  });
});

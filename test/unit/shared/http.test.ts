import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidMoney, LedgerConflict, MissingRate, UnknownRecord } from '../../../functions/account/core';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import * as z from 'zod';
import { Forbidden } from '../../../functions/shared/errors';
import { callerFromClaims } from '../../../functions/shared/http/claims';
import { decodeCursor, encodeCursor } from '../../../functions/shared/http/cursor';
import { problemResponse, zodFieldErrors } from '../../../functions/shared/http/problem';

describe('callers from JWT claims', () => {
  test('API Gateway list claims ("[a b]"), local arrays and Cognito groups', () => {
    expect(callerFromClaims({ sub: 'u1', roles: '[finance editor]' }).roles).toEqual(['finance', 'editor']);
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[donor]', 'custom:donorId': 'DE' })).toEqual({ subject: 'u1', roles: ['donor'], donorId: 'DE' });
    expect(callerFromClaims({ sub: 'u1', roles: ['secretariat'] as unknown as string }).roles).toEqual(['secretariat']);
  });
  test('machine clients get their role from an OAuth scope', () => {
    expect(callerFromClaims({ sub: 'client', scope: 'unodc-api/translator' }).roles).toEqual(['translator']);
  });
  test('a scope grants a role only under this API\'s resource server', () => {
    expect(callerFromClaims({ sub: 'client', scope: 'other-api/finance finance aws.cognito.signin.user.admin openid' }).roles).toEqual([]);
    expect(callerFromClaims({ sub: 'client', scope: 'unodc-api/printer other/finance' }).roles).toEqual(['printer']);
    expect(callerFromClaims({ sub: 'client', scope: 'x/unodc-api/finance' }).roles).toEqual([]);
  });
  test('unknown roles are ignored; no subject is unauthenticated', () => {
    expect(callerFromClaims({ sub: 'u1', roles: '[admin]' }).roles).toEqual([]);
    expect(() => callerFromClaims({ roles: '[finance]' })).toThrow('bearer token');
  });
});

describe('problem details', () => {
  test('an unknown field is reported at its own path', () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: 'x', colour: 'blue' });
    expect(result.success).toBe(false);
    if (!result.success) expect(zodFieldErrors(result.error)).toEqual([{ path: 'colour', message: 'unknown field' }]);
  });
  test('domain errors keep their status; anything else is a bare 500 without internals', () => {
    const refused = problemResponse(new Forbidden('not yours'));
    expect(refused.response.statusCode).toBe(403);
    expect(JSON.parse(String(refused.response.body))).toMatchObject({ type: 'urn:unodc:problem:forbidden', status: 403, detail: 'not yours' });
    const crash = problemResponse(new TypeError('secret internals at foo.js:12'), 'req-42');
    expect(crash.response.statusCode).toBe(500);
    expect(crash.response.body).not.toContain('secret');
    expect(JSON.parse(String(crash.response.body))).toMatchObject({ status: 500, correlationId: 'req-42', detail: expect.stringContaining('req-42') });
  });
  test('stored data that does not parse is a 500 with a correlation id, not a 400 naming internal paths', () => {
    const stored = z.strictObject({ languages: z.record(z.string(), z.strictObject({ status: z.string() })) }).safeParse({ languages: { fr: { status: 3 } } });
    expect(stored.success).toBe(false);
    const reply = problemResponse(stored.error, 'req-7');
    expect(reply.response.statusCode).toBe(500);
    expect(reply.response.body).not.toContain('languages');
    expect((JSON.parse(String(reply.response.body)) as { correlationId: string }).correlationId).toBe('req-7');
  });
  test('Powertools\' idempotency refusals (known by name, the package is not loaded for them) are a 422 and a 409', () => {
    const reused = problemResponse(new IdempotencyValidationError('payload differs'));
    expect(JSON.parse(String(reused.response.body))).toMatchObject({ type: 'urn:unodc:problem:idempotency-key-reused', status: 422 });
    const running = problemResponse(new IdempotencyAlreadyInProgressError('in progress'));
    expect(JSON.parse(String(running.response.body))).toMatchObject({ status: 409 });
    expect([reused.expected, running.expected]).toEqual([true, true]);
  });
});

describe('one error model', () => {
  const problemOf = (error: unknown) => JSON.parse(String(problemResponse(error).response.body)) as Record<string, unknown>;
  test('the account core\'s errors are kinds of the domain\'s refusals, mapped at the edge without naming the account', () => {
    expect(problemOf(new InvalidMoney('"1.234" has more decimals than EUR allows (2)', 'amount'))).toEqual({
      type: 'urn:unodc:problem:invalid-request', title: 'Invalid request', status: 400,
      detail: '"1.234" has more decimals than EUR allows (2)', errors: [{ path: 'amount', message: '"1.234" has more decimals than EUR allows (2)' }],
    });
    expect(problemOf(new UnknownRecord('pledge', 'P9'))).toMatchObject({ type: 'urn:unodc:problem:not-found', status: 404, detail: 'unknown pledge P9' });
    expect(problemOf(new LedgerConflict('contribution C1 was rejected'))).toMatchObject({ type: 'urn:unodc:problem:conflict', status: 409 });
    expect(problemOf(new MissingRate('EUR', '2027-03-14'))).toMatchObject({
      type: 'urn:unodc:problem:missing-rate', status: 409, detail: 'no UN operational rate for EUR on 2027-03-14: set the EUR rate of 2027-03 first',
    });
  });
  test('shared/ imports no bounded context', () => {
    const root = path.join(__dirname, '..', '..', '..', 'functions', 'shared');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const crossing = files.filter((file) => /from '(\.\.\/)+(account|documents)\//.test(readFileSync(path.join(root, file), 'utf8')));
    expect(crossing).toEqual([]);
  });
});

describe('cursors', () => {
  test('round-trip a key; refuse anything else', () => {
    const key = { pk: 'doc#1', sk: 'document', createdAt: '2027-01-01' };
    expect(decodeCursor(encodeCursor(key) ?? undefined)).toEqual(key);
    expect(encodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('not-a-cursor')).toThrow('cursor');
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow('cursor');
    expect(() => decodeCursor(Buffer.from('{}').toString('base64url'))).toThrow('cursor');
    expect(() => decodeCursor(Buffer.from('{"a":{"b":1}}').toString('base64url'))).toThrow('cursor');
  });
  test('a cursor is accepted only within the partition of its query', () => {
    const key = { owner: 'contribution#DE', order: '2027-03-01', pk: 'contribution#c1', sk: 'view' };
    const cursor = encodeCursor(key) ?? undefined;
    expect(decodeCursor(cursor, { owner: 'contribution#DE' })).toEqual(key);
    expect(() => decodeCursor(cursor, { owner: 'contribution#FR' })).toThrow('cursor');
    expect(() => decodeCursor(encodeCursor({ pk: 'x', sk: 'y' }) ?? undefined, { owner: 'contribution#DE' })).toThrow('cursor');
  });
});

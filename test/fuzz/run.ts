import fc from 'fast-check';
import { FAULT_STATS_PATH } from '../../local/faults/proxy';
import { type Actors, actors, openJobs, openTasks, submit, waitFor } from '../support/chain';
import { accountClient } from '../support/account';
import { LocalStack, eventually } from '../support/stack';
import { type Components, type JsonSchema, hostileJson, hostileString, nearValid, resolve, valid } from './schema';

/**
 * Fuzzing from the contract: for every route of the served `GET /openapi.json`, requests with
 * valid, near-valid and hostile bodies, path ids and query strings, under every role. Expected:
 * no answer ≥ 500, every 4xx an application/problem+json (but the gateway's own 401/404/413), and
 * nothing stored by a refused request (the fault layer, at rate 0, counts every write that committed).
 */
export interface FuzzOptions {
  seed: number;
  casesPerRoute: number;
  log?: (line: string) => void;
}

export interface FuzzResult {
  seed: number;
  cases: number;
  routes: { route: string; cases: number; status5xx: number; statuses: Partial<Record<string, number>> }[];
  failures: string[];
  seconds: number;
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  body?: JsonSchema;
}

interface Case {
  role: string;
  params: Record<string, string>;
  query: [string, string][];
  body?: { json?: unknown; raw?: string; contentType?: string };
  idempotencyKey?: string;
}

const ROLES = ['secretariat', 'translator', 'editor', 'printer', 'finance', 'donor-DE', 'donor-FR', 'none', 'forged'];
const HOSTILE_IDS = ['..', '%2e%2e%2f', 'a'.repeat(300), '%00', '%E0%A4%A', '%', '%25', '💥', "1' OR '1'='1", '__proto__', 'constructor', ' ', '-'];

function operations(document: { paths: Record<string, Record<string, JsonSchema>> }, components: Components): Operation[] {
  const found: Operation[] = [];
  for (const [routePath, item] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const content = (resolve((spec.requestBody ?? {}) as JsonSchema, components).content ?? {}) as Partial<Record<string, { schema?: JsonSchema }>>;
      const parameters = ((spec.parameters ?? []) as JsonSchema[]).map((parameter) => resolve(parameter, components) as Operation['parameters'][number]);
      found.push({ method: method.toUpperCase(), path: routePath, parameters, body: content['application/json']?.schema });
    }
  }
  return found;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  // The fault layer at rate 0 changes nothing but counts the writes; no schedule runs meanwhile.
  const stack = await LocalStack.start({ env: { FAULTS: `${options.seed}:0`, LOCAL_SCHEDULE_INTERVAL_MS: '2000000000' } });
  try {
    const statsUrl = /faults-dynamodb: (\S+)/.exec(stack.output.join(''))?.[1] ?? '';
    const sfnStatsUrl = /faults-stepfunctions: (\S+)/.exec(stack.output.join(''))?.[1] ?? '';
    const writes = async () => {
      const [dynamo, sfn] = await Promise.all([statsUrl, sfnStatsUrl].map(async (url) => ((await (await fetch(`${url}${FAULT_STATS_PATH}`)).json()) as { writes: Record<string, number> }).writes));
      // Replay records are no domain data: a refused request may leave one. Nor is a callback to a
      // task: a refused decision tells the contribution's intake the outcome it already has (the
      // engine accepts the identical repeat and nothing changes); a callback that did resume a
      // workflow shows in the writes of the step it resumed.
      return Object.entries({ ...dynamo, ...sfn }).filter(([target]) => !/idempotency/i.test(target) && !/^stepfunctions:SendTask/.test(target)).reduce((sum, [, n]) => sum + n, 0);
    };
    /** Waits until nothing writes any more (the steps a successful request started have settled). */
    const quiet = async () => {
      let last = await writes();
      await eventually(async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = await writes();
        const settled = now === last;
        last = now;
        return settled ? true : undefined;
      }, 'the stack to stop writing', 60_000);
      return last;
    };

    const who: Actors = await actors(stack);
    const finance = await stack.token('finance');
    const tokens: Record<string, string> = { ...who, finance, 'donor-DE': await stack.token('donor', { donorId: 'DE' }), 'donor-FR': await stack.token('donor', { donorId: 'FR' }), forged: `${finance.slice(0, -6)}AAAAAA` };
    const account = accountClient(stack, finance);
    await account.setRates('2027-01', { EUR: '0.9200' });
    await account.registerDonor('DE', 'Germany');
    await account.registerDonor('FR', 'France');
    const pledge = await account.pledge({ donorId: 'DE', amount: '1000.00', currency: 'EUR', pledgedOn: '2027-01-10' });
    const contribution = await account.report({ donorId: 'DE', amount: '100.00', currency: 'EUR', valueDate: '2027-01-11', reference: 'FUZZ-1' });
    const document = await submit(stack, who, { targetLanguages: ['fr', 'es'] });
    const [job, other] = await waitFor(() => openJobs(stack, who, document.id), 2, 'jobs');
    await stack.request('POST', `/translation-jobs/${other.jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://t.example.org/es' } });
    await stack.request('POST', `/translation-jobs/${job.jobId}/complete`, { token: who.translator, body: { translatedUri: 'https://t.example.org/fr' } });
    const [task] = await waitFor(() => openTasks(stack, who, document.id), 2, 'tasks');
    const known: Record<string, string[]> = {
      id: [document.id, pledge.pledgeId, contribution.contributionId],
      jobId: [job.jobId],
      taskId: [task.taskId],
      donorId: ['DE', 'FR'],
      month: ['2027-01', '2027-02'],
    };

    const openapi = (await stack.request<{ paths: Record<string, Record<string, JsonSchema>>; components?: { schemas?: Components } }>('GET', '/openapi.json')).body;
    const components = openapi.components?.schemas ?? {};
    const routes: FuzzResult['routes'] = [];
    const failures: string[] = [];
    let cases = 0;

    for (const operation of operations(openapi, components)) {
      const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
      const idArbitrary = (name: string) =>
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(known[name] ?? known.id)) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_IDS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent) });
      const queryArbitrary = fc.array(
        fc.oneof(
          ...queryParameters.map((parameter) => fc.tuple(fc.constant(parameter.name), fc.oneof(valid(parameter.schema, components).map(String), hostileString, fc.constantFrom('-1', '0', '101', '1e3', 'abc')))),
          fc.tuple(fc.constantFrom('unexpected', 'limit', 'cursor', '__proto__'), hostileString),
        ),
        { maxLength: 4 },
      );
      const bodyArbitrary: fc.Arbitrary<Case['body']> = operation.body
        ? fc.oneof(
            { weight: 3, arbitrary: valid(operation.body, components).map((json) => ({ json })) },
            { weight: 3, arbitrary: nearValid(operation.body, components).map((json) => ({ json })) },
            { weight: 2, arbitrary: hostileJson.map((json) => ({ json })) },
            { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'null', '[]', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'x'.repeat(300_000)).map((raw) => ({ raw })) },
            { weight: 1, arbitrary: valid(operation.body, components).map((json) => ({ raw: JSON.stringify(json), contentType: 'text/plain' })) },
          )
        : fc.option(hostileJson.map((json) => ({ json })), { freq: 5 }).map((body) => body ?? undefined);
      const caseArbitrary: fc.Arbitrary<Case> = fc.record({
        role: fc.constantFrom(...ROLES),
        params: fc.record(Object.fromEntries(pathNames.map((name) => [name, idArbitrary(name)]))),
        query: queryArbitrary,
        body: bodyArbitrary,
        idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('', 'k'.repeat(300), 'same-key')), { freq: 2 }).map((key) => key ?? undefined),
      });

      const route = `${operation.method} ${operation.path}`;
      const stats = { route, cases: 0, status5xx: 0, statuses: {} as Partial<Record<string, number>> };
      const samples = fc.sample(caseArbitrary, { seed: options.seed ^ route.length ^ (cases + 1), numRuns: options.casesPerRoute });
      const mutating = operation.method !== 'GET';
      let before = mutating ? await quiet() : 0;
      for (const sample of samples) {
        let target = operation.path;
        for (const [name, value] of Object.entries(sample.params)) target = target.replace(`{${name}}`, value);
        if (sample.query.length) target += `?${sample.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
        const headers: Record<string, string> = {};
        if (sample.role !== 'none') headers.authorization = `Bearer ${tokens[sample.role]}`;
        if (sample.idempotencyKey !== undefined) headers['idempotency-key'] = sample.idempotencyKey;
        let body: string | undefined;
        if (sample.body && operation.method !== 'GET') {
          body = sample.body.raw ?? JSON.stringify(sample.body.json);
          headers['content-type'] = sample.body.contentType ?? 'application/json';
        }
        const response = await fetch(`${stack.url}${target}`, { method: operation.method, headers, body });
        const text = await response.text();
        const contentType = response.headers.get('content-type') ?? '';
        cases += 1;
        stats.cases += 1;
        stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
        const describe = () => `${route} as ${sample.role}: ${operation.method} ${target.slice(0, 200)} body ${(body ?? '').slice(0, 200)}`;
        if (response.status >= 500) {
          stats.status5xx += 1;
          failures.push(`${response.status} for ${describe()} → ${text.slice(0, 200)}`);
        } else if (response.status >= 400) {
          const gateway = [401, 404, 413].includes(response.status) && /"message"/.test(text) && !contentType.includes('problem');
          if (!gateway) {
            let problem: { status?: number; title?: string } = {};
            try {
              problem = JSON.parse(text) as typeof problem;
            } catch {
              // checked below
            }
            if (!contentType.startsWith('application/problem+json') || problem.status !== response.status || !problem.title) failures.push(`${response.status} not a problem+json (${contentType}) for ${describe()} → ${text.slice(0, 200)}`);
          }
        }
        if (!mutating) continue;
        if (response.status >= 400) {
          const after = await writes();
          if (after !== before) {
            // Something wrote: a refused request stored it, unless the stack was still settling.
            const settled = await quiet();
            failures.push(`${response.status} refused, yet ${settled - before} writes committed for ${describe()}`);
            before = settled;
          }
        } else {
          before = await quiet();
        }
      }
      routes.push(stats);
      log(`  ${route}: ${stats.cases} cases, ${JSON.stringify(stats.statuses)}`);
    }
    return { seed: options.seed, cases, routes, failures, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await stack.stop();
  }
}

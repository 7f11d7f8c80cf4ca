import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as routes from '../api/meta-routes';
import { OPENAPI_FILE } from '../api/openapi-file';
import { apiHandler } from '../shared/http/api-handler';
import { bind } from '../shared/http/route';

// Built at synth from the catalogue and shipped next to this bundle; read on the first request
// for it (a health check never reads it) and kept: the catalogue does not change while it runs.
let document: unknown;
const servedDocument = (): unknown => (document ??= JSON.parse(readFileSync(path.join(__dirname, OPENAPI_FILE), 'utf8')) as unknown);

export const handler = apiHandler([
  bind(routes.health, () => Promise.resolve({ body: { status: 'ok' } })),
  bind(routes.openapi, () => Promise.resolve({ body: servedDocument() })),
]);

import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { issueToken } from './jwt';

/** `npm run token -- --role finance [--role editor] [--donor DE] [--sub alice]`: a JWT the local stack accepts. */
const { values } = parseArgs({
  options: { role: { type: 'string', multiple: true }, donor: { type: 'string' }, sub: { type: 'string' }, lifetime: { type: 'string' } },
});
const roles = values.role ?? [];
if (roles.length === 0) {
  console.error('usage: npm run token -- --role <secretariat|editor|translator|printer|donor|finance> [--donor <donorId>] [--sub <subject>]');
  process.exit(2);
}
issueToken(path.resolve(process.env.DATA_DIR ?? '.data'), { roles, ...(values.donor ? { donorId: values.donor } : {}), ...(values.sub ? { sub: values.sub } : {}) }, values.lifetime ?? '12h')
  .then((token) => console.log(token))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import { makeAdminCommands } from './admin-commands';

const USAGE = `usage: npm run admin -- <command> --user-pool-id <id> --email <address> [options]
  invite      --role <role> [--role <role>] [--donor <donorId>] [--name <full name>]
  set-donor   --donor <donorId>
  add-role    --role <role>
  remove-role --role <role>
roles: secretariat, editor, translator, printer, donor, finance. A donor user needs --donor.
The user pool id is the stack output UserPoolId (or set USER_POOL_ID). AWS credentials and region
come from the usual AWS configuration (AWS_PROFILE, AWS_REGION, ...).`;

/** `npm run admin -- invite --email ... --role donor --donor DE`: user administration with the Cognito SDK. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'user-pool-id': { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      donor: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const [command] = positionals;
  const userPoolId = values['user-pool-id'] ?? process.env.USER_POOL_ID;
  const common = { userPoolId, email: values.email };
  const admin = makeAdminCommands({ cognito: new CognitoIdentityProviderClient({}) });
  const [role] = values.role ?? [];
  switch (command) {
    case 'invite':
      return admin.invite({ ...common, roles: values.role ?? [], ...(values.donor !== undefined && { donorId: values.donor }), ...(values.name !== undefined && { name: values.name }) });
    case 'set-donor':
      return admin.setDonor({ ...common, donorId: values.donor });
    case 'add-role':
      return admin.addRole({ ...common, role });
    case 'remove-role':
      return admin.removeRole({ ...common, role });
    default:
      console.error(USAGE);
      process.exit(2);
  }
}

main().then(
  () => console.log('done'),
  (error: unknown) => {
    if (error instanceof z.ZodError) {
      for (const issue of error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
      console.error(USAGE);
      process.exit(2);
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  },
);

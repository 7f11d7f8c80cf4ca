import * as z from 'zod';
import { type CognitoPort, makeAdminCommands } from '../../../ops/admin-commands';

/** A Cognito stand-in that records what the commands send. */
function recordingCognito() {
  const sent: { command: string; input: unknown }[] = [];
  const cognito: CognitoPort = {
    send: async (command) => {
      sent.push({ command: command.constructor.name, input: command.input });
      return {};
    },
  };
  return { sent, admin: makeAdminCommands({ cognito }) };
}

const pool = 'eu-west-1_Abc123';

describe('npm run admin: inviting people', () => {
  test('a donor user is created with its donorId and put in the donor group', async () => {
    const { sent, admin } = recordingCognito();
    await admin.invite({ userPoolId: pool, email: 'finance.office@auswaertiges-amt.de', roles: ['donor'], donorId: 'DE' });
    expect(sent).toEqual([
      {
        command: 'AdminCreateUserCommand',
        input: {
          UserPoolId: pool,
          Username: 'finance.office@auswaertiges-amt.de',
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: 'finance.office@auswaertiges-amt.de' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'custom:donorId', Value: 'DE' },
          ],
        },
      },
      { command: 'AdminAddUserToGroupCommand', input: { UserPoolId: pool, Username: 'finance.office@auswaertiges-amt.de', GroupName: 'donor' } },
    ]);
  });

  test('a secretariat officer who also edits gets both groups and no donorId', async () => {
    const { sent, admin } = recordingCognito();
    await admin.invite({ userPoolId: pool, email: 'officer@un.org', roles: ['secretariat', 'editor'], name: 'A. Officer' });
    expect(sent.map((call) => call.command)).toEqual(['AdminCreateUserCommand', 'AdminAddUserToGroupCommand', 'AdminAddUserToGroupCommand']);
    expect(JSON.stringify(sent[0].input)).not.toContain('donorId');
  });

  test.each([
    ['a donor without a donorId', { roles: ['donor'] }],
    ['a donorId for someone who is not a donor', { roles: ['finance'], donorId: 'DE' }],
    ['an unknown role', { roles: ['admin'] }],
    ['no role', { roles: [] }],
    ['a malformed e-mail', { roles: ['editor'], email: 'not-an-address' }],
    ['a donorId with a slash', { roles: ['donor'], donorId: 'DE/FR' }],
  ])('refuses %s and calls nothing', async (_what, overrides) => {
    const { sent, admin } = recordingCognito();
    await expect(admin.invite({ userPoolId: pool, email: 'someone@un.org', ...overrides })).rejects.toBeInstanceOf(z.ZodError);
    expect(sent).toEqual([]);
  });

  test('finance moves a donor user to another donorId; roles are added and removed as groups', async () => {
    const { sent, admin } = recordingCognito();
    await admin.setDonor({ userPoolId: pool, email: 'office@example.org', donorId: 'FR' });
    await admin.addRole({ userPoolId: pool, email: 'office@example.org', role: 'finance' });
    await admin.removeRole({ userPoolId: pool, email: 'office@example.org', role: 'donor' });
    expect(sent).toEqual([
      { command: 'AdminUpdateUserAttributesCommand', input: { UserPoolId: pool, Username: 'office@example.org', UserAttributes: [{ Name: 'custom:donorId', Value: 'FR' }] } },
      { command: 'AdminAddUserToGroupCommand', input: { UserPoolId: pool, Username: 'office@example.org', GroupName: 'finance' } },
      { command: 'AdminRemoveUserFromGroupCommand', input: { UserPoolId: pool, Username: 'office@example.org', GroupName: 'donor' } },
    ]);
  });
});

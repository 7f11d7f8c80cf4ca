import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import { ROLES, type Role } from '../functions/shared/roles';
import { Id } from '../functions/shared/http/schemas';

/** The one call the commands make: a Cognito client, or a fake that records what it was sent. */
export interface CognitoPort {
  send(command: AdminCreateUserCommand | AdminAddUserToGroupCommand | AdminRemoveUserFromGroupCommand | AdminUpdateUserAttributesCommand): Promise<unknown>;
}

const Email = z.email().max(254);
const RoleName = z.enum(ROLES);
const DonorId = Id;

export const InviteInput = z
  .strictObject({ userPoolId: z.string().min(1).max(55), email: Email, roles: z.array(RoleName).min(1).max(ROLES.length), donorId: DonorId.optional(), name: z.string().min(1).max(200).optional() })
  .refine((input) => input.roles.includes('donor') === (input.donorId !== undefined), {
    error: 'a donor user needs --donor <donorId>, and only a donor user takes one',
    path: ['donorId'],
  });
export type InviteInput = z.infer<typeof InviteInput>;

export const SetDonorInput = z.strictObject({ userPoolId: z.string().min(1).max(55), email: Email, donorId: DonorId });
export const RoleChangeInput = z.strictObject({ userPoolId: z.string().min(1).max(55), email: Email, role: RoleName });

/**
 * Operator commands on the user pool. A person's roles are its groups; a donor's donorId is
 * the `custom:donorId` attribute, which only these admin calls (under the operator's IAM
 * credentials) can write: no app client may.
 */
export function makeAdminCommands({ cognito }: { cognito: CognitoPort }) {
  const addToGroup = (userPoolId: string, email: string, role: Role) =>
    cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: role }));

  return {
    /** Creates the user (Cognito e-mails a temporary password), its roles and, for a donor, its donorId. */
    async invite(raw: unknown): Promise<void> {
      const input = InviteInput.parse(raw);
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: input.userPoolId,
          Username: input.email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'email_verified', Value: 'true' },
            ...(input.name ? [{ Name: 'name', Value: input.name }] : []),
            ...(input.donorId ? [{ Name: 'custom:donorId', Value: input.donorId }] : []),
          ],
        }),
      );
      for (const role of input.roles) await addToGroup(input.userPoolId, input.email, role);
    },

    /** Finance moves a donor user to the donorId it acts for. */
    async setDonor(raw: unknown): Promise<void> {
      const input = SetDonorInput.parse(raw);
      await cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: input.userPoolId, Username: input.email, UserAttributes: [{ Name: 'custom:donorId', Value: input.donorId }] }),
      );
    },

    async addRole(raw: unknown): Promise<void> {
      const input = RoleChangeInput.parse(raw);
      await addToGroup(input.userPoolId, input.email, input.role);
    },

    async removeRole(raw: unknown): Promise<void> {
      const input = RoleChangeInput.parse(raw);
      await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: input.userPoolId, Username: input.email, GroupName: input.role }));
    },
  };
}

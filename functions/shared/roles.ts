export const ROLES = ['secretariat', 'editor', 'translator', 'printer', 'donor', 'finance'] as const;
/** The API's OAuth resource server: a scope grants a role only as `unodc-api/<role>`. */
export const API_RESOURCE_SERVER = 'unodc-api';

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as the JWT authorizer established it. */
export interface Caller {
  subject: string;
  roles: Role[];
  /** Present on donor tokens: the only donor this caller may act for. */
  donorId?: string;
}

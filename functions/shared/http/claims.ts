import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Unauthenticated } from '../errors';
import { API_RESOURCE_SERVER, type Caller, type Role, isRole } from '../roles';

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

/**
 * API Gateway hands list claims to Lambda as strings such as "[finance editor]";
 * local tokens may carry real arrays. Accept both.
 */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: API Gateway's "[a b]" form
    }
    return text.slice(1, -1).split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

const SCOPE_PREFIX = `${API_RESOURCE_SERVER}/`;

/**
 * Roles come from `roles` (local issuer), `cognito:groups` (people in Cognito) or OAuth
 * scopes `unodc-api/<role>` (machine clients using client credentials). A scope under any
 * other resource server, or none, grants nothing.
 */
export function callerFromClaims(claims: Claims | undefined): Caller {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') {
    throw new Unauthenticated('A valid bearer token is required');
  }
  const scopeRoles = listClaim(claims.scope).filter((scope) => scope.startsWith(SCOPE_PREFIX)).map((scope) => scope.slice(SCOPE_PREFIX.length));
  const names = [...listClaim(claims.roles), ...listClaim(claims['cognito:groups']), ...scopeRoles];
  const roles = [...new Set(names.filter(isRole))] as Role[];
  const donorClaim = (claims.donorId as Claims[string] | undefined) ?? claims['custom:donorId'];
  const caller: Caller = { subject: claims.sub, roles };
  if (typeof donorClaim === 'string' && donorClaim !== '') caller.donorId = donorClaim;
  return caller;
}

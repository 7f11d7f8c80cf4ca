import { Forbidden } from '../../shared/errors';
import type { Caller } from '../../shared/roles';

/**
 * Who may act for a donor: `finance` for any donor; a `donor` token only for the donorId it
 * carries, wherever the id appears (path, query, body, or the record a path names).
 */
export function actFor(caller: Caller, donorId: string): void {
  if (caller.roles.includes('finance')) return;
  if (caller.roles.includes('donor') && caller.donorId === donorId) return;
  throw new Forbidden(caller.roles.includes('donor') ? `This token acts for ${caller.donorId ?? 'no donor'}, not for ${donorId}` : 'This operation needs the finance role');
}

/** The donor a list is limited to: the one asked for (checked), and always the caller's own for a donor token. */
export function listScope(caller: Caller, donorId: string | undefined): string | undefined {
  if (donorId !== undefined) {
    actFor(caller, donorId);
    return donorId;
  }
  if (caller.roles.includes('finance')) return undefined;
  if (caller.donorId === undefined) throw new Forbidden('A donor token must carry a donorId');
  return caller.donorId;
}

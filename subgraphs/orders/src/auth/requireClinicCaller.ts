import { type CallerIdentity, stringClaim, withRefusal } from '@switchyard/subgraph-kit';
import { OrdersError } from '../errors';

/** A signed-in user acting for their clinic. */
export interface ClinicCaller {
  userId: string;
  clinicId: string;
}

/** The claim of the gateway's token naming the caller's clinic; orders owns its meaning, not the kit. */
export const CLINIC_CLAIM = 'clinic_id';

/**
 * The caller as a user of a clinic, or an `UNAUTHENTICATED` error when the gateway vouched for no user or no clinic
 * (saying why the caller's identity was refused, when it was); with `scope`, a `FORBIDDEN` error when the caller's
 * token lacks it. The gateway enforces `@authenticated` and `@requiresScopes` first; this is the subgraph's own
 * check, so a write never depends on the gateway alone.
 */
export function requireClinicCaller(identity: CallerIdentity, scope?: string): ClinicCaller {
  const userId = identity.service ? null : identity.subject;
  const clinicId = stringClaim(identity, CLINIC_CLAIM);
  if (!userId || !clinicId) {
    throw new OrdersError('UNAUTHENTICATED', withRefusal('Sign in as a user of a clinic to use this field.', identity));
  }
  requireScope(identity, scope);
  return { userId, clinicId };
}

/** A `FORBIDDEN` error unless the caller's token grants `scope` (nothing to check without one). */
export function requireScope(identity: CallerIdentity, scope: string | undefined): void {
  if (scope && !identity.scopes.has(scope)) {
    throw new OrdersError('FORBIDDEN', `This field needs the ${scope} scope.`, { scope });
  }
}

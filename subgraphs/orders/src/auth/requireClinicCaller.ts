import type { CallerIdentity } from '@switchyard/subgraph-kit';
import { OrdersError } from '../errors';

/** A signed-in user acting for their clinic. */
export interface ClinicCaller {
  userId: string;
  clinicId: string;
}

/**
 * The caller as a user of a clinic, or an `UNAUTHENTICATED` error when the gateway forwarded no user or no clinic;
 * with `scope`, a `FORBIDDEN` error when the caller's token lacks it. The gateway enforces `@authenticated` and
 * `@requiresScopes` first; this is the subgraph's own check, so a write never depends on the gateway alone.
 */
export function requireClinicCaller(identity: CallerIdentity, scope?: string): ClinicCaller {
  const { userId, clinicId } = identity;
  if (!userId || !clinicId) {
    throw new OrdersError('UNAUTHENTICATED', 'Sign in as a user of a clinic to use this field.');
  }
  if (scope && !identity.scopes.has(scope)) {
    throw new OrdersError('FORBIDDEN', `This field needs the ${scope} scope.`, { scope });
  }
  return { userId, clinicId };
}

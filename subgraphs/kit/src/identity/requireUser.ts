import { SubgraphError, SubgraphErrorCode } from '../errors';
import type { CallerIdentity } from './callerIdentity';

/**
 * The id of the end user the gateway vouches for, or an `UNAUTHENTICATED` error (saying why the request's identity
 * was refused, when it was). A service calling with its own credential is no user.
 */
export function requireUser(identity: CallerIdentity, message = 'Sign in to use this field.'): string {
  if (identity.subject && !identity.service) return identity.subject;
  throw new SubgraphError(SubgraphErrorCode.UNAUTHENTICATED, withRefusal(message, identity));
}

/** `message`, followed by why the caller's identity was refused when it was. */
export function withRefusal(message: string, identity: CallerIdentity): string {
  return identity.refusal ? `${message} (The caller's identity was refused: ${identity.refusal}.)` : message;
}

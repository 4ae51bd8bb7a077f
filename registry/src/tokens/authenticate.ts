import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { findTokenByHash, touchToken } from '../repositories/tokenRepository';
import type { Principal } from './Principal';
import { isTokenScope } from './TokenScope';
import { hashTokenSecret } from './tokenSecret';

/** `last_used_at` is written at most this often per token, so reads do not turn into writes. */
const touchIntervalMs = 60_000;

/** The bearer token of an `Authorization` header, if it has one. */
export function readBearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Resolves a bearer token to its grants. The secret is hashed and the hash looked up, so no secret is ever
 * compared. Throws `UNAUTHENTICATED` for a missing, unknown or revoked token, with one message for all three.
 */
export async function authenticate(db: Executor, secret: string | undefined, now = new Date()): Promise<Principal> {
  if (!secret)
    throw new SwitchyardError(ErrorCode.UNAUTHENTICATED, 'Send a registry token as "Authorization: Bearer <token>".');
  const row = await findTokenByHash(db, hashTokenSecret(secret));
  if (!row || row.revokedAt || !isTokenScope(row.scope)) {
    throw new SwitchyardError(ErrorCode.UNAUTHENTICATED, 'The token is not valid: it is unknown or was revoked.');
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > touchIntervalMs) {
    await touchToken(db, row.id, now);
  }
  return { tokenId: row.id, name: row.name, scope: row.scope, graph: row.graph, subgraphs: row.subgraphs };
}

import { createHash, randomBytes } from 'node:crypto';

/** A new token secret: `sy_` and 32 random bytes in base64url. Shown once, never stored. */
export function generateTokenSecret(): string {
  return `sy_${randomBytes(32).toString('base64url')}`;
}

/** The sha256 hex of a token secret: the only form a token is stored or looked up in. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

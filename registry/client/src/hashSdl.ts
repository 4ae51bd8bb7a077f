import { createHash } from 'node:crypto';

/** The SHA-256 hex digest of an SDL string, used for ETags, deduplication and version hashes. */
export function hashSdl(sdl: string): string {
  return createHash('sha256').update(sdl, 'utf8').digest('hex');
}

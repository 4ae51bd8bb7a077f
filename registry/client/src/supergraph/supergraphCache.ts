import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hashSdl } from '../hashSdl';

/** A supergraph kept on disk, with what is needed to ask the registry whether it is still current. */
export interface CachedSupergraph {
  sdl: string;
  id: string;
  /** The ETag it was served with, as sent back in `If-None-Match`; absent for a file not written by this client. */
  etag?: string;
}

// The id and ETag ride in a leading comment, so the cache stays a plain SDL file the gateway can also load directly.
const HEADER = /^# switchyard-supergraph id=(\S+) etag=(\S+)\n/;

/** Writes the supergraph to `path` atomically: a temporary file in the same directory, then a rename. */
export async function writeSupergraphCache(path: string, cached: CachedSupergraph): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const header = cached.etag ? `# switchyard-supergraph id=${cached.id} etag=${cached.etag}\n` : '';
  await writeFile(temporary, header + cached.sdl, 'utf8');
  await rename(temporary, path);
}

/** Reads a cached supergraph, or `undefined` when there is no cache file. */
export async function readSupergraphCache(path: string): Promise<CachedSupergraph | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  const header = HEADER.exec(text);
  if (header?.[1] && header[2]) return { id: header[1], etag: header[2], sdl: text.slice(header[0].length) };
  return { id: `file:${hashSdl(text)}`, sdl: text };
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PersistedDocumentEntry } from './contract';

/** The last persisted documents a gateway received, with the ETag to ask whether they are still current. */
export interface CachedPersistedDocuments {
  etag: string;
  documents: PersistedDocumentEntry[];
}

const CacheFile = z.object({ etag: z.string(), documents: z.array(PersistedDocumentEntry) });

/** Writes the documents to `path` atomically: a temporary file in the same directory, then a rename. */
export async function writePersistedDocumentsCache(path: string, cached: CachedPersistedDocuments): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(cached), 'utf8');
  await rename(temporary, path);
}

/** Reads cached documents, or `undefined` when there is no cache file or it is not one this client wrote. */
export async function readPersistedDocumentsCache(path: string): Promise<CachedPersistedDocuments | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const json: unknown = JSON.parse(text);
    const parsed = CacheFile.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { SupergraphSource, SupergraphUpdate } from './source';

export interface FileSupergraphSourceOptions {
  /** Path of the supergraph SDL file. */
  path: string;
  logger: Logger;
  /** Quiet time after the last change event before the file is read again. Default 100 ms. */
  debounceMs?: number;
}

/** The id of a supergraph read from a file: the SHA-256 of its text, so an unchanged save is not a new supergraph. */
export function supergraphIdOf(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}

/**
 * A supergraph read from a file and watched for changes. The directory is watched rather than the file, so editors
 * and deployers that replace the file (write a temporary file and rename it, or swap a Kubernetes ConfigMap
 * symlink) are seen too; every event re-reads the file after `debounceMs`, and only a changed hash is reported.
 */
export function createFileSupergraphSource(options: FileSupergraphSourceOptions): SupergraphSource {
  const path = resolve(options.path);
  const debounceMs = options.debounceMs ?? 100;
  const logger = options.logger.child({ supergraph: path });
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastId: string | undefined;
  let stopped = false;

  async function read(): Promise<SupergraphUpdate> {
    const sdl = await readFile(path, 'utf8');
    return { sdl, id: supergraphIdOf(sdl) };
  }

  return {
    async start(onUpdate) {
      const first = await read();
      lastId = first.id;
      const check = async () => {
        try {
          const update = await read();
          if (stopped || update.id === lastId) return;
          lastId = update.id;
          logger.info({ id: update.id }, 'supergraph file changed');
          onUpdate(update);
        } catch (error) {
          // Mid-replacement the file can be missing for a moment; the next event reads it again.
          logger.warn({ err: error }, 'could not read the supergraph file; keeping the current supergraph');
        }
      };
      watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
        if (filename && filename !== basename(path) && !filename.startsWith('..')) return;
        clearTimeout(timer);
        timer = setTimeout(check, debounceMs);
      });
      watcher.on('error', (error) => logger.error({ err: error }, 'watching the supergraph file failed'));
      return first;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}

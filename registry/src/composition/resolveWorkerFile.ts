import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A worker entry beside this module: the built `<name>.js`, or the `<name>.mjs` that registers tsx to run the sources. */
export function resolveWorkerFile(name: string): string {
  for (const file of [`./${name}.js`, `./${name}.mjs`]) {
    const path = fileURLToPath(new URL(file, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`No ${name} worker beside ${fileURLToPath(import.meta.url)}.`);
}

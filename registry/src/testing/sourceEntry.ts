import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Node arguments that run a TypeScript entry from its sources, where the bins run dist/: tsx, and the
 * `@switchyard/source` export condition so workspace packages resolve to their src/ too. Tests run the sources, so
 * they never need a build.
 */
export function sourceEntry(entry: string): string[] {
  return ['--conditions=@switchyard/source', '--import', tsxLoader, entry];
}

/** `switchyard …` from the sources: what `node bin/switchyard.js …` runs once built. */
export const switchyardFromSource = sourceEntry(fileURLToPath(new URL('../cli/main.ts', import.meta.url)));

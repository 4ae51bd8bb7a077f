import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Whether the stack runs from its TypeScript sources: in tests (Vitest) and `npm run dev` this module is a `.ts`,
 * while `npm start` runs the build (tests/dist/), and so runs every service's build too.
 */
export const runsFromSource = import.meta.url.endsWith('.ts');

// tests/stack/ and its build tests/dist/ are both two levels below the root.
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
/**
 * tsx (a development dependency, so looked up only when running from source), with workspace packages resolved to
 * their src/ through the `@switchyard/source` export condition.
 */
function fromSource(entry: string): string[] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--conditions=@switchyard/source', '--import', tsxLoader, root(entry)];
}

/**
 * The Node arguments that start each service: its bin or dist/ entry when the
 * stack runs built, its `src/` entry through tsx when it runs from source.
 */
export const serviceCommands = {
  switchyard: runsFromSource ? fromSource('registry/src/cli/main.ts') : [root('registry/bin/switchyard.js')],
  gateway: runsFromSource ? fromSource('gateway/src/main.ts') : [root('gateway/bin/switchyard-gateway.js')],
  subgraph: (name: string) =>
    runsFromSource ? fromSource(`subgraphs/${name}/src/main.ts`) : [root(`subgraphs/${name}/dist/main.js`)],
};

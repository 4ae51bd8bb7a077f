import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Shared vitest settings for every workspace. `graphql` is aliased to its one CommonJS entry: Apollo's packages
 * `require()` it while our ESM code would otherwise get `index.mjs`, and schemas built by two copies clash
 * ("Cannot use GraphQLSchema from another module or realm"). Workspace packages resolve to their sources through
 * the `@switchyard/source` export condition, so tests never need a build.
 */
// Vitest's own server conditions (Vite's, without `module`), after ours.
const conditions = ['@switchyard/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') }, conditions, mainFields: [] },
  ssr: { resolve: { conditions } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Shared vitest settings for every workspace. `graphql` is aliased to its one CommonJS entry: Apollo's packages
 * `require()` it while our ESM code would otherwise get `index.mjs`, and schemas built by two copies clash
 * ("Cannot use GraphQLSchema from another module or realm").
 */
export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

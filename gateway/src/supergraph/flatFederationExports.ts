import { createRequire } from 'node:module';

/**
 * A plain copy of a CommonJS module's exports: every enumerable export read once into a data property (the same
 * functions, classes and constants), and `__esModule` kept. For a module whose exports never change after it
 * loaded; a module reassigning an export later would keep its old value here.
 */
export function flattenExports(moduleExports: object): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const name of Object.keys(moduleExports)) flat[name] = (moduleExports as Record<string, unknown>)[name];
  if ((moduleExports as { __esModule?: unknown }).__esModule)
    Object.defineProperty(flat, '__esModule', { value: true });
  return flat;
}

/**
 * `@apollo/federation-internals` re-exports its ~300 names through TypeScript's `__exportStar`, each a getter that
 * cannot be redefined, and `@apollo/gateway`'s result shaping reads several of them per response value
 * (`federation_internals_1.isObjectType(…)`): 6 % of the gateway's CPU on the benchmark's large query went to those
 * getters. This puts a flat copy (`flattenExports`) in Node's module cache in place of the module's exports, so
 * every `require` after it, `@apollo/gateway`'s and `@apollo/query-planner`'s included, reads plain properties.
 * None of its exports is reassigned after it loads (2.14: no `exports.x =` outside module top level). Returns
 * whether the copy was installed.
 */
export function installFlatFederationExports(): boolean {
  const require = createRequire(import.meta.url);
  // Resolved from @apollo/gateway, so it is the copy the gateway loads even if several are installed.
  const fromGateway = createRequire(require.resolve('@apollo/gateway'));
  const path = fromGateway.resolve('@apollo/federation-internals');
  const original: unknown = fromGateway(path);
  const entry = require.cache[path];
  if (!entry || entry.exports !== original || typeof original !== 'object' || original === null) return false;
  entry.exports = flattenExports(original);
  return true;
}

// Imported first by the gateway's entry modules, so it runs before `@apollo/gateway` is first required.
installFlatFederationExports();

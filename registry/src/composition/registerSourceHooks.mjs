// Lets a worker thread run the registry's TypeScript sources (tsx, or Vitest in tests; a build runs the compiled
// .js workers instead). A worker thread starts without the parent's module hooks (Vitest) or with them (tsx), so it
// registers tsx itself, and adds the `@switchyard/source` export condition so that workspace packages
// (@switchyard/registry-client) resolve to their sources as well. Imported first by each worker's .mjs entry.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

const sourceCondition = `export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@switchyard/source') ? context.conditions : [...context.conditions, '@switchyard/source'];
  return next(specifier, { ...context, conditions });
}`;
registerHooks(`data:text/javascript,${encodeURIComponent(sourceCondition)}`);
register();

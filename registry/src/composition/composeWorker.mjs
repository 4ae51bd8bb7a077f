// Entry file of a composition worker thread when the registry runs from its TypeScript sources (tsx, or Vitest in
// tests; a build runs dist/composition/composeWorker.js instead). A worker thread starts without the parent's module
// hooks (Vitest) or with them (tsx), so it registers tsx itself, and adds the `@switchyard/source` export condition
// so that workspace packages (@switchyard/registry-client) resolve to their sources as well, then loads the worker
// module.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

const sourceCondition = `export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@switchyard/source') ? context.conditions : [...context.conditions, '@switchyard/source'];
  return next(specifier, { ...context, conditions });
}`;
registerHooks(`data:text/javascript,${encodeURIComponent(sourceCondition)}`);
register();
const { default: composeInWorker } = await import('./composeWorker.ts');

export default composeInWorker;

// Entry file of a composition worker's analysis thread when the registry runs from its TypeScript sources (see
// registerSourceHooks.mjs; a build runs dist/composition/analysisWorker.js instead).
import './registerSourceHooks.mjs';

await import('./analysisWorker.ts');

// Entry file of a composition worker thread when the registry runs from its TypeScript sources (see
// registerSourceHooks.mjs; a build runs dist/composition/composeWorker.js instead).
import './registerSourceHooks.mjs';

const { default: composeInWorker } = await import('./composeWorker.ts');

export default composeInWorker;

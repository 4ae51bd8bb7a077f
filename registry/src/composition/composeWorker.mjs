// Entry file of a composition worker thread. The registry runs its TypeScript sources without a build step (tsx, or
// Vitest in tests), and a worker thread starts without the parent's module hooks (Vitest) or with them (tsx), so it
// registers tsx itself, exactly as bin/switchyard.js does, then loads the worker module.
import { register } from 'tsx/esm/api';

register();
const { default: composeInWorker } = await import('./composeWorker.ts');

export default composeInWorker;

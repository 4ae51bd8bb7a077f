// The module a composition worker thread runs (loaded through composeWorker.mjs): Piscina calls its default export
// once per task. The thread's memory (built subgraphs, field ownership) lives as long as the thread.
import { workerData } from 'node:worker_threads';
import {
  type CompositionOutcome,
  type CompositionTask,
  createCompositionMemory,
  runCompositionTask,
} from './runCompositionTask';

/** What the pool hands every worker (Piscina's `workerData`). */
export interface CompositionWorkerData {
  subgraphCacheBytes: number;
}

const memory = createCompositionMemory(subgraphCacheBytesOf(workerData));

function subgraphCacheBytesOf(data: unknown): number {
  if (typeof data !== 'object' || data === null || !('subgraphCacheBytes' in data)) return 0;
  return typeof data.subgraphCacheBytes === 'number' ? data.subgraphCacheBytes : 0;
}

export default function composeInWorker(task: CompositionTask): Promise<CompositionOutcome> {
  return runCompositionTask(task, memory);
}

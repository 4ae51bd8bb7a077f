// The module a composition worker thread runs (loaded through composeWorker.mjs from the sources): Piscina calls its
// default export once per task. The thread's memory (built subgraphs) lives as long as the thread, and so does its
// analysis thread, which diffs each merged candidate while this one validates its satisfiability.
import { workerData } from 'node:worker_threads';
import { createAnalysisThread } from './createAnalysisThread';
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

const analysisThread = createAnalysisThread();
const memory = createCompositionMemory(subgraphCacheBytesOf(workerData), (task) => analysisThread.analyse(task));

function subgraphCacheBytesOf(data: unknown): number {
  if (typeof data !== 'object' || data === null || !('subgraphCacheBytes' in data)) return 0;
  return typeof data.subgraphCacheBytes === 'number' ? data.subgraphCacheBytes : 0;
}

export default function composeInWorker(task: CompositionTask): Promise<CompositionOutcome> {
  return runCompositionTask(task, memory);
}

// The module a composition worker's analysis thread runs (loaded through analysisWorker.mjs from the sources): it
// answers each `AnalysisRequest` from its parent with an `AnalysisReply`, in order. Its memory (built API schemas,
// field ownership of recent supergraphs) lives as long as the thread.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyseCandidate } from './analyseCandidate';
import type { AnalysisReply, AnalysisRequest } from './createAnalysisThread';
import { createFieldOwnersCache } from './createFieldOwnersCache';

/**
 * Nice value of this thread: with the composition worker busy on one core, this thread takes the other one from the
 * event loop, so it yields to it (`/health`, polls and usage answering in time matter more than the diff finishing
 * early). Linux only, where a thread's nice value is its own.
 */
const ANALYSIS_THREAD_NICE = 10;

function lowerThreadPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, ANALYSIS_THREAD_NICE);
  } catch {
    // Not Linux, or not allowed: the thread runs at the process's priority.
  }
}

lowerThreadPriority();
const fieldOwners = createFieldOwnersCache();
const port = parentPort;
if (!port) throw new Error('analysisWorker.ts runs as a worker thread.');

port.on('message', async (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: request.id, ok: true, analysis: await analyseCandidate(request.task, fieldOwners) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

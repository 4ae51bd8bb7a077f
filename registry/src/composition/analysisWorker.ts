// The module a composition worker's analysis thread runs (loaded through analysisWorker.mjs from the sources): it
// answers each `AnalysisRequest` from its parent with an `AnalysisReply`, in order. Its memory (built API schemas,
// field ownership of recent supergraphs) lives as long as the thread.
import { parentPort } from 'node:worker_threads';
import { analyseCandidate } from './analyseCandidate';
import type { AnalysisReply, AnalysisRequest } from './createAnalysisThread';
import { createFieldOwnersCache } from './createFieldOwnersCache';

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

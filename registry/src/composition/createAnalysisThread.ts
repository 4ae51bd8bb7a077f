import { Worker } from 'node:worker_threads';
import type { CandidateAnalysis, CandidateAnalysisTask } from './analyseCandidate';
import { resolveWorkerFile } from './resolveWorkerFile';

/** A task for the analysis thread, numbered so its reply finds its caller. */
export interface AnalysisRequest {
  id: number;
  task: CandidateAnalysisTask;
}

/** The analysis thread's answer to one request: the analysis, or the message of what it threw. */
export type AnalysisReply =
  | { id: number; ok: true; analysis: CandidateAnalysis }
  | { id: number; ok: false; message: string };

/** A thread beside a composition worker that analyses candidates (see `analyseCandidate`). */
export interface AnalysisThread {
  /** The analysis of `task`, run on the thread after the ones asked for before it; rejects with what it threw. */
  analyse(task: CandidateAnalysisTask): Promise<CandidateAnalysis>;
}

/**
 * Starts the thread a composition worker hands a merged candidate to, so that the diff, the ownership comparison and
 * the contract filters (a third of a publish's work on the benchmark graph) run on the second core while the worker
 * validates the candidate's satisfiability. Started at once, so it has loaded by the first composition; a thread that
 * dies (out of memory) fails what it was running and is started again for the next task. It is a child of the
 * composition worker: terminating the worker (COMPOSITION_TIMEOUT_MS) stops it too.
 */
export function createAnalysisThread(): AnalysisThread {
  let nextId = 0;
  let thread: StartedThread | undefined = startThread(() => {
    thread = undefined;
  });
  return {
    analyse(task) {
      thread ??= startThread(() => {
        thread = undefined;
      });
      return thread.analyse({ id: nextId++, task });
    },
  };
}

interface StartedThread {
  analyse(request: AnalysisRequest): Promise<CandidateAnalysis>;
}

/** One analysis thread and the requests it still owes; `onStop` runs when it fails or exits. */
function startThread(onStop: () => void): StartedThread {
  const pending = new Map<number, { resolve(analysis: CandidateAnalysis): void; reject(error: Error): void }>();
  const worker = new Worker(resolveWorkerFile('analysisWorker'));
  // The composition worker's pool keeps that thread alive; this one alone never should.
  worker.unref();
  worker.on('message', (reply: AnalysisReply) => {
    const caller = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) caller?.resolve(reply.analysis);
    else caller?.reject(new Error(reply.message));
  });
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    if (!stopped) {
      stopped = error;
      onStop();
    }
    for (const caller of pending.values()) caller.reject(error);
    pending.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`the analysis thread stopped with exit code ${code}`)));
  return {
    analyse(request) {
      if (stopped) return Promise.reject(stopped);
      return new Promise((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        worker.postMessage(request);
      });
    },
  };
}

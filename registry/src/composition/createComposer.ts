import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Piscina } from 'piscina';
import { ErrorCode, SwitchyardError } from '../errors';
import type { CompositionWorkerData } from './composeWorker';
import { createCompositionQueue } from './createCompositionQueue';
import type { SchemaSizeLimits } from './measureSchemaSize';
import { resolveWorkerFile } from './resolveWorkerFile';
import {
  type CompositionOutcome,
  type CompositionTask,
  createCompositionMemory,
  runCompositionTask,
} from './runCompositionTask';

/** How compositions run (`COMPOSITION_*`, `MAX_SCHEMA_*`). */
export interface CompositionSettings {
  /** Worker threads composing at once (COMPOSITION_WORKERS); 0 composes on the event loop (benchmarks only). */
  workers: number;
  /**
   * Longest one composition may take (COMPOSITION_TIMEOUT_MS), counted from when a worker takes it (a worker's first
   * start included, waiting behind other compositions not), before its worker is terminated.
   */
  timeoutMs: number;
  /** Bytes of composed supergraphs kept by the hash of their input (COMPOSITION_CACHE_BYTES); 0 keeps none. */
  cacheBytes: number;
  /**
   * Estimated heap of built subgraphs each worker keeps for the next composition (COMPOSITION_SUBGRAPH_CACHE_BYTES);
   * 0 builds every subgraph every time, and validates every subgraph the satisfiability step extracts every time.
   */
  subgraphCacheBytes: number;
  /** Size limits of the changed subgraph, checked before composing. */
  limits: SchemaSizeLimits;
}

/**
 * What a hand-built config gets: one worker beside the event loop on a 2-core host, a minute, 64 MiB of composed
 * supergraphs, and 256 MiB of built subgraphs per worker (the 450 KiB benchmark graph takes 36 MiB; several
 * variants of such a graph stay warm).
 */
export const defaultCompositionSettings: CompositionSettings = {
  workers: 1,
  timeoutMs: 60_000,
  cacheBytes: 64 * 1024 * 1024,
  subgraphCacheBytes: 256 * 1024 * 1024,
  limits: { maxTypes: 5_000, maxFields: 50_000, maxDepth: 32 },
};

/** Composes candidate supergraphs off the event loop, remembering recent outcomes. */
export interface Composer {
  /**
   * Runs `task` (see `runCompositionTask`) with the size limits of the settings. Throws `COMPOSITION_TIMEOUT` when it
   * takes longer than the time limit and `COMPOSITION_FAILED` when composing crashes (a stack overflow on a deeply
   * chained schema, a worker that dies); an outcome that composed or failed to compose is cached by its input.
   */
  compose(task: Omit<CompositionTask, 'limits'>): Promise<CompositionOutcome>;
  /** Stops the workers; compositions still running reject. */
  close(): Promise<void>;
}

/**
 * Creates the registry's composer: a Piscina pool of `workers` threads, or composition on the calling thread when
 * `workers` is 0, behind an LRU cache keyed by the SHA-256 of the task, so checking or re-publishing the same
 * subgraph set composes once. Each thread keeps the subgraphs it built (see `createSubgraphBuilder`), so a publish
 * that changes one subgraph builds only that one; threads start on demand and, to keep that memory, stay once
 * started (stopped after a minute idle when the subgraph cache is off).
 */
export function createComposer(settings: CompositionSettings = defaultCompositionSettings): Composer {
  const cache =
    settings.cacheBytes > 0
      ? new LRUCache<string, CompositionOutcome>({ maxSize: settings.cacheBytes, sizeCalculation: sizeOf })
      : undefined;
  const workerData: CompositionWorkerData = { subgraphCacheBytes: settings.subgraphCacheBytes };
  const pool =
    settings.workers > 0
      ? new Piscina<CompositionTask, CompositionOutcome>({
          filename: resolveWorkerFile('composeWorker'),
          minThreads: 0,
          maxThreads: settings.workers,
          idleTimeout: settings.subgraphCacheBytes > 0 ? Number.POSITIVE_INFINITY : 60_000,
          workerData,
        })
      : undefined;
  const inline = pool ? undefined : createCompositionMemory(settings.subgraphCacheBytes);

  const runInPool = pool
    ? createCompositionQueue<CompositionTask, CompositionOutcome>({
        concurrency: settings.workers,
        timeoutMs: settings.timeoutMs,
        run: (task, signal) => pool.run(task, { signal }),
      })
    : undefined;

  async function run(task: CompositionTask): Promise<CompositionOutcome> {
    if (!runInPool) return runCompositionTask(task, inline);
    return runInPool(task);
  }

  return {
    async compose(input) {
      const task: CompositionTask = { ...input, limits: settings.limits };
      const key = cache ? hashTask(task) : '';
      const cached = cache?.get(key);
      if (cached) return cached;
      let outcome: CompositionOutcome;
      try {
        outcome = await run(task);
      } catch (error) {
        throw toCompositionError(error, settings.timeoutMs);
      }
      cache?.set(key, outcome);
      return outcome;
    },
    async close() {
      await pool?.destroy();
    },
  };
}

/** A timeout as `COMPOSITION_TIMEOUT`, anything else that broke composing as `COMPOSITION_FAILED`. */
function toCompositionError(error: unknown, timeoutMs: number): SwitchyardError {
  if (error instanceof Error && error.name === 'AbortError') {
    return new SwitchyardError(
      ErrorCode.COMPOSITION_TIMEOUT,
      `Composition did not finish within ${timeoutMs} ms (COMPOSITION_TIMEOUT_MS) and was stopped; nothing was published. Split or simplify the schema, or raise the limit.`,
      { timeoutMs },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  const hint = /call stack/i.test(reason) ? ' The schema nests or chains types too deeply to compose.' : '';
  return new SwitchyardError(ErrorCode.COMPOSITION_FAILED, `Composition failed: ${reason}.${hint}`);
}

function hashTask(task: CompositionTask): string {
  const hash = createHash('sha256');
  const field = (value: string) => hash.update(`${Buffer.byteLength(value)}:`).update(value);
  field(task.changed ?? '');
  field(task.servedApiSdl ?? '\u0000');
  field(task.servedSupergraphSdl === undefined ? '\u0000undefined' : (task.servedSupergraphSdl ?? '\u0000'));
  field(JSON.stringify(task.limits));
  field(JSON.stringify(task.contracts ?? []));
  for (const subgraph of [...task.subgraphs].sort((a, b) => a.name.localeCompare(b.name))) {
    field(subgraph.name);
    field(subgraph.url);
    field(subgraph.sdl);
  }
  return hash.digest('hex');
}

function sizeOf(outcome: CompositionOutcome): number {
  const contracts =
    outcome.kind === 'composed'
      ? outcome.contracts.reduce(
          (sum, contract) => sum + (contract.ok ? contract.supergraphSdl.length + contract.apiSchemaSdl.length : 0),
          0,
        )
      : 0;
  const text = outcome.kind === 'composed' ? outcome.supergraphSdl.length + outcome.apiSchemaSdl.length + contracts : 0;
  const data =
    outcome.kind === 'composed'
      ? [outcome.changes, outcome.ownershipMoves, outcome.contracts.map((contract) => (contract.ok ? [] : contract))]
      : outcome;
  return Math.max(1, text * 2 + JSON.stringify(data).length);
}

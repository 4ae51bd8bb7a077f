import type { RegistryClientLogger } from '../supergraph/options';
import type { PersistedDocumentEntry } from './contract';
import { type FetchPersistedDocumentsInput, fetchPersistedDocuments } from './fetchPersistedDocuments';
import { readPersistedDocumentsCache, writePersistedDocumentsCache } from './persistedDocumentsCache';

/** Options of `createPersistedDocumentSource`. */
export interface PersistedDocumentSourceOptions {
  /** Base URL of the registry. */
  url: string;
  graph: string;
  /** Default `prod`. */
  variant?: string;
  /** Bearer token with READ access to the graph. */
  token?: string;
  /** Time between polls, ± 10 % jitter. Default 10 000 ms. */
  pollIntervalMs?: number;
  /** File keeping the last documents received (written atomically), read at start when the registry is down. */
  cachePath: string;
  /** First retry delay after a failed poll, doubled per failure up to 60 s. Default 1 000 ms. */
  retryDelayMs?: number;
  /** Timeout of one request. Default 5 000 ms. */
  requestTimeoutMs?: number;
  logger?: RegistryClientLogger;
  fetch?: typeof globalThis.fetch;
}

/** A variant's persisted documents, kept current by polling the registry. */
export interface PersistedDocumentSource {
  /**
   * Loads the documents (the registry's, else the last ones cached on disk, else none) and starts polling;
   * `onUpdate` gets every new set. Never rejects: a gateway without documents refuses or marks what it must.
   */
  start(onUpdate: (documents: PersistedDocumentEntry[]) => void): Promise<PersistedDocumentEntry[]>;
  stop(): Promise<void>;
}

const silentLogger: RegistryClientLogger = { info() {}, warn() {}, error() {} };

/**
 * Polls `GET /v1/graphs/:graph/variants/:variant/persisted-documents` with `If-None-Match`, like the supergraph
 * source, and keeps the last good set on disk so a gateway restarted while the registry is down still knows its
 * documents. A variant without documents is an empty set.
 */
export function createPersistedDocumentSource(options: PersistedDocumentSourceOptions): PersistedDocumentSource {
  const logger = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const request: Omit<FetchPersistedDocumentsInput, 'etag'> = {
    url: options.url,
    graph: options.graph,
    variant: options.variant ?? 'prod',
    token: options.token,
    timeoutMs: options.requestTimeoutMs ?? 5_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const where = { registry: options.url, graph: request.graph, variant: request.variant };
  let etag: string | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let stopping = new AbortController();

  async function poll(): Promise<PersistedDocumentEntry[] | undefined> {
    const result = await fetchPersistedDocuments({ ...request, etag, signal: stopping.signal });
    if (result.kind === 'unchanged') return undefined;
    if (result.kind === 'missing') throw new Error(`The registry has no persisted documents: ${result.message}`);
    etag = result.etag;
    try {
      await writePersistedDocumentsCache(options.cachePath, { etag: result.etag, documents: result.documents });
    } catch (error) {
      logger.warn(
        { ...where, err: error, cachePath: options.cachePath },
        'could not write the persisted documents cache',
      );
    }
    return result.documents;
  }

  function schedule(onUpdate: (documents: PersistedDocumentEntry[]) => void): void {
    if (stopped) return;
    const base = failures === 0 ? pollIntervalMs : Math.min(retryDelayMs * 2 ** (failures - 1), 60_000);
    timer = setTimeout(() => void tick(onUpdate), Math.round(base * (0.9 + Math.random() * 0.2)));
    timer.unref?.();
  }

  async function tick(onUpdate: (documents: PersistedDocumentEntry[]) => void): Promise<void> {
    try {
      const documents = await poll();
      failures = 0;
      if (documents && !stopped) {
        logger.info({ ...where, documents: documents.length }, 'new persisted documents from the registry');
        onUpdate(documents);
      }
    } catch (error) {
      if (stopped) return;
      failures += 1;
      logger.warn({ ...where, err: error, failures }, 'polling persisted documents failed; keeping the current ones');
    }
    schedule(onUpdate);
  }

  return {
    async start(onUpdate) {
      stopped = false;
      stopping = new AbortController();
      let first: PersistedDocumentEntry[] = [];
      try {
        first = (await poll()) ?? [];
      } catch (error) {
        failures = 1;
        const cached = await readPersistedDocumentsCache(options.cachePath).catch(() => undefined);
        if (cached) {
          etag = cached.etag || undefined;
          first = cached.documents;
        }
        logger.warn(
          { ...where, err: error, cachePath: options.cachePath, cached: cached?.documents.length ?? 0 },
          cached
            ? 'registry unavailable; starting from the cached persisted documents'
            : 'registry unavailable and no cached persisted documents; starting with none',
        );
      }
      schedule(onUpdate);
      return first;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort();
    },
  };
}

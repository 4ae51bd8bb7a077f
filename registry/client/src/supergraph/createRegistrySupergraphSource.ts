import { type FetchSupergraphInput, fetchSupergraph } from './fetchSupergraph';
import type { RegistryClientLogger, RegistrySupergraphSourceOptions, RegistrySupergraphUpdate } from './options';
import { readSupergraphCache, writeSupergraphCache } from './supergraphCache';

/** The gateway's `SupergraphSource` shape, repeated here so the registry does not depend on the gateway. */
export interface RegistrySupergraphSource {
  start(onUpdate: (update: RegistrySupergraphUpdate) => void): Promise<RegistrySupergraphUpdate>;
  stop(): Promise<void>;
}

const silentLogger: RegistryClientLogger = { info() {}, warn() {}, error() {} };

/**
 * A supergraph source that polls the registry's `GET /v1/graphs/:graph/variants/:variant/supergraph` every
 * `pollIntervalMs` (± 10 % so a fleet of gateways does not poll in step) with `If-None-Match`, and reports each
 * new version through `onUpdate`. Every version is also written atomically to `cachePath`.
 *
 * `start` resolves with the registry's supergraph; when the registry is unreachable or has none yet, it resolves
 * with the cached one and keeps retrying in the background with exponential backoff. It rejects only when neither
 * the registry nor the cache has a supergraph.
 */
export function createRegistrySupergraphSource(options: RegistrySupergraphSourceOptions): RegistrySupergraphSource {
  const logger = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const request: Omit<FetchSupergraphInput, 'etag'> = {
    url: options.url,
    graph: options.graph,
    variant: options.variant ?? 'prod',
    token: options.token,
    timeoutMs: options.requestTimeoutMs ?? 5_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const where = { registry: options.url, graph: request.graph, variant: request.variant };
  let etag: string | undefined;
  let currentId: string | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let stopping = new AbortController();

  /** Polls once; returns the new supergraph, or undefined when it did not change. Throws when the poll failed. */
  async function poll(): Promise<RegistrySupergraphUpdate | undefined> {
    const result = await fetchSupergraph({ ...request, etag, signal: stopping.signal });
    if (result.kind === 'unchanged') return undefined;
    if (result.kind === 'missing') throw new Error(`The registry has no supergraph yet: ${result.message}`);
    etag = result.etag;
    if (result.id === currentId) return undefined;
    currentId = result.id;
    try {
      await writeSupergraphCache(options.cachePath, { sdl: result.sdl, id: result.id, etag: result.etag });
    } catch (error) {
      logger.warn({ ...where, err: error, cachePath: options.cachePath }, 'could not write the supergraph cache');
    }
    return { sdl: result.sdl, id: result.id };
  }

  function schedule(onUpdate: (update: RegistrySupergraphUpdate) => void): void {
    if (stopped) return;
    const base = failures === 0 ? pollIntervalMs : Math.min(retryDelayMs * 2 ** (failures - 1), maxRetryDelayMs);
    timer = setTimeout(() => void tick(onUpdate), withJitter(base));
    timer.unref?.();
  }

  async function tick(onUpdate: (update: RegistrySupergraphUpdate) => void): Promise<void> {
    try {
      const update = await poll();
      if (failures > 0) logger.info({ ...where, after: failures }, 'the registry is reachable again');
      failures = 0;
      if (update && !stopped) {
        logger.info({ ...where, id: update.id }, 'new supergraph from the registry');
        onUpdate(update);
      }
    } catch (error) {
      if (stopped) return;
      failures += 1;
      logger.warn({ ...where, err: error, failures }, 'polling the registry failed; keeping the current supergraph');
    }
    schedule(onUpdate);
  }

  return {
    async start(onUpdate) {
      stopped = false;
      stopping = new AbortController();
      let first: RegistrySupergraphUpdate | undefined;
      try {
        first = await poll();
      } catch (error) {
        failures = 1;
        const cached = await readSupergraphCache(options.cachePath);
        const reason = error instanceof Error ? error.message : String(error);
        if (!cached) {
          throw new Error(
            `No supergraph for graph "${request.graph}" variant "${request.variant}": ${reason} ` +
              `And there is no cached supergraph at ${options.cachePath}.`,
          );
        }
        logger.warn(
          { ...where, err: error, cachePath: options.cachePath, id: cached.id },
          'registry unavailable; starting from the cached supergraph',
        );
        etag = cached.etag;
        currentId = cached.id;
        first = { sdl: cached.sdl, id: cached.id };
      }
      if (!first) throw new Error('The registry answered 304 to a request without a known version.');
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

function withJitter(ms: number): number {
  return Math.round(ms * (0.9 + Math.random() * 0.2));
}

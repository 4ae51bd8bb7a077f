/** One loaded supergraph, in the shape of the gateway's `SupergraphUpdate`. */
export interface RegistrySupergraphUpdate {
  sdl: string;
  /** `v<version>:<etag>`: changes whenever the registry serves a new supergraph. */
  id: string;
}

/** The logging the client needs; a pino logger fits. */
export interface RegistryClientLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Options of `createRegistrySupergraphSource`. */
export interface RegistrySupergraphSourceOptions {
  /** Base URL of the registry, e.g. `http://registry:4100`. */
  url: string;
  /** Graph whose supergraph is served. */
  graph: string;
  /** Variant of the graph. Default `prod`. */
  variant?: string;
  /** Bearer token with READ access to the graph. */
  token?: string;
  /** Time between polls once a supergraph is loaded, ± 10 % jitter. Default 10 000 ms. */
  pollIntervalMs?: number;
  /** File where the last supergraph is kept, written atomically; read at start when the registry is down. */
  cachePath: string;
  /** First retry delay after a failed poll, doubled on each failure up to `maxRetryDelayMs`. Default 1 000 ms. */
  retryDelayMs?: number;
  /** Longest delay between retries while the registry is unreachable. Default 60 000 ms. */
  maxRetryDelayMs?: number;
  /** Timeout of one request to the registry. Default 5 000 ms. */
  requestTimeoutMs?: number;
  /** Where the client logs updates and failures. Default: silent. */
  logger?: RegistryClientLogger;
  /** The fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

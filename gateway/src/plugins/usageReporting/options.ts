import type { Logger } from 'pino';
import type { GatewayMetrics } from '../../metrics';
import type { SupergraphUpdate } from '../../supergraph/source';

/** Options of `createUsageReportingPlugin`. */
export interface UsageReportingOptions {
  /** Registry base URL; reports go to `POST {registryUrl}/v1/usage` (USAGE_REGISTRY_URL, default REGISTRY_URL). */
  registryUrl: string;
  /** REPORT-scoped registry token sent as `Authorization: Bearer` (USAGE_TOKEN, default REGISTRY_TOKEN). */
  token?: string;
  /** Graph and variant the usage belongs to (GRAPH, VARIANT). */
  graph: string;
  variant: string;
  /** The current supergraph: its `@join__*` directives say which subgraphs serve each field; its id keys caches. */
  getSupergraph: () => SupergraphUpdate;
  /** How often counts are sent, in ms (USAGE_REPORT_INTERVAL_MS). Default 10,000. */
  intervalMs?: number;
  /**
   * Most (operation, client version) entries buffered (USAGE_BUFFER_MAX_OPERATIONS). Default 5,000. Reaching it
   * closes the window into a report and sends it early; requests of new entries past it are dropped and counted in
   * `switchyard_usage_reports_dropped_total{reason="buffer_full"}`. While the registry is away, the reports waiting
   * for it hold as much again (the oldest are dropped past it, counted the same way).
   */
  maxBufferedOperations?: number;
  /** Most bytes buffered, estimated (USAGE_BUFFER_MAX_BYTES). Default 8 MiB. */
  maxBufferedBytes?: number;
  /**
   * How long a report the registry has not answered is resent (same id) before it is dropped and counted as
   * `expired`, in ms (USAGE_RETRY_HORIZON_MS). Default 24 hours. Keep it within the registry's
   * USAGE_REPORT_ID_RETENTION (48 hours), or a report resent after its id is forgotten is refused as too old.
   */
  retryHorizonMs?: number;
  /**
   * Normalized documents longer than this many characters are sent cut, by signature and every coordinate
   * (USAGE_MAX_DOCUMENT_LENGTH). Default and most `UsageReportLimits.maxDocumentLength` (256 K), what the registry takes.
   */
  maxDocumentLength?: number;
  /** Estimated bytes of operation analyses (signature, coordinates, subgraphs) cached. Default 4 MiB. */
  cacheBytes?: number;
  /** Timeout of one report upload, in ms. Default 10,000. */
  requestTimeoutMs?: number;
  /** First retry delay while the registry is away, doubled per failure (with jitter) up to `maxBackoffMs`. Default 1,000. */
  minBackoffMs?: number;
  /** Longest retry delay, in ms. Default 60,000. */
  maxBackoffMs?: number;
  /** This gateway in reports. Default: host name and process id, version 0.1.0. */
  gateway?: { id: string; version: string };
  metrics?: Pick<GatewayMetrics, 'usageReportsDropped' | 'usageEntriesDropped'>;
  logger?: Pick<Logger, 'warn' | 'debug'>;
}

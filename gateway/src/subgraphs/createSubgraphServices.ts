import type { GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import { Agent, type Dispatcher } from 'undici';
import type { GatewayConfig } from '../config';
import type { GatewayMetrics } from '../metrics';
import { LruCache } from '../plugins/cost/lruCache';
import type { Telemetry } from '../telemetry/createTelemetry';
import { createInflightDeduper } from './inflightDeduper';
import { type FetchOutcome, SubgraphDataSource } from './SubgraphDataSource';
import { forwardableHeaders } from './subgraphHeaders';
import { createSubgraphTokenSigner } from './subgraphIdentityToken';

export interface SubgraphServicesOptions {
  config: GatewayConfig['subgraphs'];
  metrics: GatewayMetrics;
  telemetry: Telemetry;
  /** HTTP client for subgraph calls. Default: an undici `Agent` with `config.connections` keep-alive connections per origin. */
  dispatcher?: Dispatcher;
  /** Estimated bytes of escaped fetch texts kept (`OPERATION_CACHE_BYTES`' share). Default 4 MiB. */
  fetchTextCacheBytes?: number;
}

/** The subgraph side of one gateway: `buildService` for `ApolloGateway`, and the pools to close on shutdown. */
export interface SubgraphServices {
  buildService(definition: ServiceEndpointDefinition): GraphQLDataSource;
  /** The data source last built for each subgraph, by name: what the gateway's own executor fetches through. */
  dataSources(): Record<string, GraphQLDataSource>;
  /** Closes the connection pools; fetches still running (their clients already gone) are aborted. */
  close(): Promise<void>;
}

/** Creates the data sources of every subgraph, sharing one keep-alive agent and one in-flight deduper. */
export function createSubgraphServices(options: SubgraphServicesOptions): SubgraphServices {
  const { config, metrics, telemetry } = options;
  const ownsDispatcher = !options.dispatcher;
  const dispatcher = options.dispatcher ?? new Agent({ connections: config.connections });
  const inflight = config.deduplication ? createInflightDeduper<FetchOutcome>() : undefined;
  // A query and its escaped copy: two bytes a character each, plus the two strings' headers.
  const escapedQueries = new LruCache<string, string>(
    options.fetchTextCacheBytes ?? 4 * 1024 * 1024,
    (escaped, query) => 2 * (query.length + escaped.length) + 64,
  );
  const forwardHeaders = forwardableHeaders(config.forwardHeaders);
  const identitySigner = config.signingKey ? createSubgraphTokenSigner({ privateKey: config.signingKey }) : undefined;
  // Replaced whole on each build so a request holds the map it started with while a swap builds new ones.
  let built: Record<string, GraphQLDataSource> = Object.create(null);
  return {
    buildService({ name, url }) {
      const dataSource = new SubgraphDataSource({
        name,
        url: url ?? '',
        dispatcher,
        timeoutMs: config.timeouts[name] ?? config.timeoutMs,
        maxResponseBytes: config.maxResponseSizes[name] ?? config.maxResponseBytes,
        errors: config.errors,
        forwardHeaders,
        identitySigner,
        inflight,
        escapedQueries,
        metrics,
        telemetry,
      });
      built = Object.assign(Object.create(null), built, { [name]: dataSource });
      return dataSource;
    },
    dataSources: () => built,
    async close() {
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}

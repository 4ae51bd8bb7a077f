import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig } from '@switchyard/gateway/config';

/** A gateway in registry mode, with a helper to query it. */
export interface RegistryGateway {
  gateway: Gateway;
  /** Its GraphQL URL. */
  url: string;
  /** Posts an operation; resolves with the HTTP status and the parsed body. */
  query<TData>(query: string): Promise<{ status: number; data?: TData; errors?: unknown[] }>;
  /** The supergraph id being served (`v<version>:<hash>`). */
  supergraphId(): string;
  close(): Promise<void>;
}

/** Where the gateway finds its supergraph. */
export interface StartRegistryGatewayOptions {
  registryUrl: string;
  graph: string;
  variant: string;
  /** READ token it polls with. */
  token: string;
  /** `SUPERGRAPH_CACHE`: where the last good supergraph is kept and read when the registry is down. */
  cachePath: string;
  /** `POLL_INTERVAL_MS`. Default 200, so a new version shows within a second. */
  pollIntervalMs?: number;
}

/**
 * Starts a gateway that follows the registry (`REGISTRY_URL`, `GRAPH`, `VARIANT`, `REGISTRY_TOKEN`) on a free
 * port, and resolves once it serves. Budgets and usage reporting are off: these tests are about the supergraph.
 */
export async function startRegistryGateway(options: StartRegistryGatewayOptions): Promise<RegistryGateway> {
  const gateway = createGateway(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      REGISTRY_URL: options.registryUrl,
      GRAPH: options.graph,
      VARIANT: options.variant,
      REGISTRY_TOKEN: options.token,
      POLL_INTERVAL_MS: String(options.pollIntervalMs ?? 200),
      SUPERGRAPH_CACHE: options.cachePath,
      BUDGETS_ENABLED: 'false',
      USAGE_REPORTING_ENABLED: 'false',
      SHUTDOWN_GRACE_MS: '2000',
      LOG_LEVEL: 'silent',
    }),
  );
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    gateway,
    url,
    async query<TData>(query: string) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: TData; errors?: unknown[] };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    supergraphId: () => gateway.getSupergraph().id,
    close: () => gateway.close(),
  };
}

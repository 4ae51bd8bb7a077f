import { ConfigError, loadSubgraphConfig, type SubgraphConfig, subgraphSettingNames } from '@switchyard/subgraph-kit';
import { z } from 'zod';

/** Port the orders subgraph listens on unless told otherwise. */
export const ORDERS_PORT = 4004;

const DirectoryEnv = z.object({
  /** GraphQL URL of the catalog subgraph, asked whether supplies exist. */
  CATALOG_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  /** GraphQL URL of the suppliers subgraph, asked for the offers of supplies. */
  SUPPLIERS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
  /** How long one directory request may take before `placeOrder` gives up, in milliseconds. Default 3000. */
  DIRECTORY_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(3000),
  /**
   * Orders' own private key (PEM text or a PEM file's path) signing its calls to catalog and suppliers, which
   * trust its public key in their SUBGRAPH_SERVICE_KEYS. Unset: orders calls them anonymously, and cannot take stock.
   */
  SERVICE_SIGNING_KEY: z.string().optional(),
});

/** The name of every setting `loadOrdersConfig` reads: the kit's and orders' own, for manifests to be checked against. */
export const ordersSettingNames: readonly string[] = [...subgraphSettingNames, ...Object.keys(DirectoryEnv.shape)];

/** Where `placeOrder` checks supplies and offers before it writes an order. */
export interface DirectorySettings {
  catalogUrl: string;
  suppliersUrl: string;
  timeoutMs: number;
  /** Orders' private key for its own credential (`SERVICE_SIGNING_KEY`). */
  signingKey?: string;
}

/** The kit's subgraph settings plus the subgraphs orders validates new orders against. */
export interface OrdersConfig extends SubgraphConfig {
  directory: DirectorySettings;
}

/**
 * Reads the orders subgraph's settings: everything `loadSubgraphConfig` reads, plus `CATALOG_URL`, `SUPPLIERS_URL`,
 * `DIRECTORY_TIMEOUT_MS` and `SERVICE_SIGNING_KEY` (each may be prefixed `ORDERS_` like the kit's variables). Throws one `ConfigError`
 * listing every invalid variable of both.
 */
export function loadOrdersConfig(
  env: Record<string, string | undefined> = process.env,
  defaultPort = ORDERS_PORT,
): OrdersConfig {
  const issues: string[] = [];
  let base: SubgraphConfig | undefined;
  try {
    base = loadSubgraphConfig('orders', defaultPort, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  const values: Record<string, string> = {};
  for (const key of Object.keys(DirectoryEnv.shape)) {
    const value = env[`ORDERS_${key}`] ?? env[key];
    if (value !== undefined && value !== '') values[key] = value;
  }
  const directory = DirectoryEnv.safeParse(values);
  if (!directory.success) {
    issues.push(...directory.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  if (!base || !directory.success) throw new ConfigError(issues);
  return {
    ...base,
    directory: {
      catalogUrl: directory.data.CATALOG_URL,
      suppliersUrl: directory.data.SUPPLIERS_URL,
      timeoutMs: directory.data.DIRECTORY_TIMEOUT_MS,
      signingKey: directory.data.SERVICE_SIGNING_KEY,
    },
  };
}

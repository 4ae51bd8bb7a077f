import { z } from 'zod';
import { ConfigError } from './errors';

const Env = z.object({
  /** Port of the subgraph's HTTP server. Default: the subgraph's own (accounts 4001 … orders 4004). */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection URL; when unset the subgraph uses embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Root of the embedded data directories. Default `.switchyard`; each subgraph uses `<DATA_DIR>/<name>`. */
  DATA_DIR: z.string().default('.switchyard'),
  /** Size of the deterministic seed, 1 = full size (thousands of supplies, tens of thousands of offers). */
  SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  /** Shared secret of the gateway; when set, identity headers are trusted only on calls that carry it. */
  SUBGRAPH_SECRET: z.string().min(16).optional(),
  /** Largest `first` a paginated field accepts. Default 100. */
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface SubgraphConfig {
  name: string;
  port: number;
  host: string;
  database: { url?: string; dataDir: string };
  seedScale: number;
  gatewaySecret?: string;
  maxPageSize: number;
  logLevel: z.output<typeof Env>['LOG_LEVEL'];
}

/**
 * Reads a subgraph's settings from the environment. Every variable may be prefixed with the subgraph's name
 * (`ORDERS_PORT`) to set it for that subgraph alone, which is how one shell starts all four.
 */
export function loadSubgraphConfig(
  name: string,
  defaultPort: number,
  env: Record<string, string | undefined> = process.env,
): SubgraphConfig {
  const prefix = `${name.toUpperCase()}_`;
  const values: Record<string, string> = {};
  for (const key of Object.keys(Env.shape)) {
    const value = env[prefix + key] ?? env[key];
    if (value !== undefined && value !== '') values[key] = value;
  }
  const result = Env.safeParse(values);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const parsed = result.data;
  return {
    name,
    port: parsed.PORT ?? defaultPort,
    host: parsed.HOST,
    database: { url: parsed.DATABASE_URL, dataDir: `${parsed.DATA_DIR}/${name}` },
    seedScale: parsed.SEED_SCALE,
    gatewaySecret: parsed.SUBGRAPH_SECRET,
    maxPageSize: parsed.MAX_PAGE_SIZE,
    logLevel: parsed.LOG_LEVEL,
  };
}

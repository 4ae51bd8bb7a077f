import { z } from 'zod';
import { ConfigError } from './errors';
import type { IdentitySettings } from './identity';

const ServiceKeys = z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'service names are lower-case'), z.string().min(1));

/** `SUBGRAPH_SERVICE_KEYS` as a map, or the problem with it. */
function parseServiceKeys(
  value: string | undefined,
): { ok: true; keys: Record<string, string> } | { ok: false; issue: string } {
  if (!value) return { ok: true, keys: {} };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { ok: false, issue: 'SUBGRAPH_SERVICE_KEYS: expected JSON like {"orders": "/path/to/orders.public.pem"}' };
  }
  const parsed = ServiceKeys.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issue: 'SUBGRAPH_SERVICE_KEYS: expected an object of service name to public key (PEM or path)',
    };
  }
  if (Object.hasOwn(parsed.data, 'switchyard-gateway')) {
    return { ok: false, issue: 'SUBGRAPH_SERVICE_KEYS: switchyard-gateway is the gateway; set SUBGRAPH_IDENTITY_KEY' };
  }
  return { ok: true, keys: parsed.data };
}

// Settings that no longer exist, with what replaces them: a deployment still setting one fails instead of
// running with less protection than it thinks.
const REMOVED: Record<string, string> = {
  SUBGRAPH_SECRET:
    "the shared secret was removed (any subgraph holding it could impersonate the gateway); set SUBGRAPH_IDENTITY_KEY to the gateway's public key",
};

const Env = z.object({
  /** Port of the subgraph's HTTP server. Default: the subgraph's own (accounts 4001 … orders 4004). */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the server binds. Default 127.0.0.1: a subgraph answers the gateway, not the network, unless told to. */
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL connection URL; when unset the subgraph uses embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Root of the embedded data directories. Default `.switchyard`; each subgraph uses `<DATA_DIR>/<name>`. */
  DATA_DIR: z.string().default('.switchyard'),
  /** Size of the deterministic seed, 1 = full size (thousands of supplies, tens of thousands of offers). */
  SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  /** The gateway's public key (PEM text or a PEM file's path) verifying the identity tokens it signs. */
  SUBGRAPH_IDENTITY_KEY: z.string().optional(),
  /** JWKS URL of the gateway's keys, instead of SUBGRAPH_IDENTITY_KEY. */
  SUBGRAPH_IDENTITY_JWKS_URL: z.url().optional(),
  /** Services calling with their own credential, as JSON: `{"orders": "<PEM or path of orders' public key>"}`. */
  SUBGRAPH_SERVICE_KEYS: z.string().optional(),
  /** `insecure-dev` trusts plain identity headers from any caller; for developing a subgraph by hand only. */
  SUBGRAPH_TRUST_UNSIGNED_IDENTITY: z.enum(['insecure-dev']).optional(),
  /** Largest request body, in bytes (`413 REQUEST_TOO_LARGE` past it). Default 2 MiB. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  /** Largest `first` a paginated field accepts. Default 100. */
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * The name of every setting `loadSubgraphConfig` reads (each may also be prefixed with the subgraph's name), for
 * manifests to be checked against.
 */
export const subgraphSettingNames: readonly string[] = Object.keys(Env.shape);

export interface SubgraphConfig {
  name: string;
  port: number;
  host: string;
  database: { url?: string; dataDir: string };
  seedScale: number;
  /** How callers prove who they are (see `createIdentityReader`). */
  identity: IdentitySettings;
  maxPageSize: number;
  /** Largest request body the server reads, in bytes. */
  maxBodyBytes: number;
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
  const issues: string[] = [];
  for (const [key, replacement] of Object.entries(REMOVED)) {
    if (env[prefix + key] ?? env[key]) issues.push(`${key}: ${replacement}`);
  }
  const result = Env.safeParse(values);
  if (!result.success) issues.push(...result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const serviceKeys = parseServiceKeys(values.SUBGRAPH_SERVICE_KEYS);
  if (!serviceKeys.ok) issues.push(serviceKeys.issue);
  if (values.SUBGRAPH_IDENTITY_KEY && values.SUBGRAPH_IDENTITY_JWKS_URL) {
    issues.push('SUBGRAPH_IDENTITY_KEY: set either it or SUBGRAPH_IDENTITY_JWKS_URL, not both');
  }
  if (!result.success || !serviceKeys.ok || issues.length > 0) throw new ConfigError(issues);
  const parsed = result.data;
  return {
    name,
    port: parsed.PORT ?? defaultPort,
    host: parsed.HOST,
    database: { url: parsed.DATABASE_URL, dataDir: `${parsed.DATA_DIR}/${name}` },
    seedScale: parsed.SEED_SCALE,
    identity: {
      gatewayKey: parsed.SUBGRAPH_IDENTITY_KEY,
      gatewayJwksUrl: parsed.SUBGRAPH_IDENTITY_JWKS_URL,
      serviceKeys: serviceKeys.keys,
      trustUnsigned: parsed.SUBGRAPH_TRUST_UNSIGNED_IDENTITY === 'insecure-dev',
    },
    maxPageSize: parsed.MAX_PAGE_SIZE,
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    logLevel: parsed.LOG_LEVEL,
  };
}

import { z } from 'zod';
import { ConfigError } from './errors';

const port = () => z.coerce.number().int().min(0).max(65535);
const positiveInt = () => z.coerce.number().int().positive();
const bool = () => z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const list = () =>
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const json = <T extends z.ZodType>(schema: T) =>
  z.string().transform((v, ctx) => {
    try {
      return schema.parse(JSON.parse(v)) as z.output<T>;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must be JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  });

const ApiKey = z.object({
  key: z.string().min(16),
  client: z.string().min(1),
  subject: z.string().optional(),
  scopes: z.array(z.string()).default([]),
  claims: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Every setting of the gateway, read from environment variables. The CLI turns each `--flag-name` into
 * `FLAG_NAME` before calling `loadConfig`, so a flag and its variable are the same setting.
 */
const Env = z
  .object({
    /** Port of the HTTP server (`/graphql`, `/health`, `/ready`, `/metrics`). Default 4000. */
    PORT: port().default(4000),
    HOST: z.string().default('0.0.0.0'),
    /** Path of a supergraph SDL file, watched for changes. Either this or REGISTRY_URL. */
    SUPERGRAPH: z.string().optional(),
    /** Registry to poll for the supergraph (with GRAPH, VARIANT, REGISTRY_TOKEN). */
    REGISTRY_URL: z.url().optional(),
    GRAPH: z.string().optional(),
    VARIANT: z.string().default('prod'),
    REGISTRY_TOKEN: z.string().optional(),
    /** How often the registry is polled. Default 10 s, with jitter. */
    POLL_INTERVAL_MS: positiveInt().default(10_000),
    /** Where the last good supergraph from the registry is kept, to start from when the registry is down. */
    SUPERGRAPH_CACHE: z.string().default('.switchyard/gateway/supergraph.graphql'),

    /** Maximum cost of one operation. Default 1000. */
    MAX_QUERY_COST: positiveInt().default(1000),
    /**
     * Assumed size of a list without `@listSize` and without an integer `first`/`last`/`limit` argument. Default 5:
     * three such list levels under a `first: 5` root stay under MAX_QUERY_COST, five do not (see the README).
     */
    DEFAULT_LIST_SIZE: positiveInt().default(5),
    /** `enforce` refuses operations over MAX_QUERY_COST; `measure` only reports their cost. Default enforce. */
    COST_MODE: z.enum(['enforce', 'measure']).default('enforce'),
    /** Whether `__schema`/`__type` may be queried (`__typename` always may). Default true. */
    INTROSPECTION: bool().default(true),
    /** Maximum cost of an operation's introspection fields, priced apart from its data. Default 5000. */
    MAX_INTROSPECTION_COST: positiveInt().default(5000),
    MAX_DEPTH: positiveInt().default(15),
    MAX_ALIASES: positiveInt().default(30),
    MAX_ROOT_FIELDS: positiveInt().default(20),
    MAX_TOKENS: positiveInt().default(5000),
    /** Maximum request body size in bytes, and of a GET request's query string. Default 1 MiB. */
    MAX_BODY_BYTES: positiveInt().default(1_048_576),
    /** Time a client has to send its request headers before it gets 408 and is dropped. Default 10 s. */
    HEADERS_TIMEOUT_MS: positiveInt().default(10_000),
    /** Time a client has to send a whole request (headers and body). Default 30 s. */
    REQUEST_TIMEOUT_MS: positiveInt().default(30_000),
    /** How long an idle keep-alive connection stays open. Default 5 s. */
    KEEP_ALIVE_TIMEOUT_MS: positiveInt().default(5_000),

    /** Per-client leaky bucket of cost points. */
    BUDGETS_ENABLED: bool().default(true),
    BUDGET_CAPACITY: positiveInt().default(1000),
    BUDGET_REFILL_PER_SECOND: z.coerce.number().positive().default(50),
    /**
     * Proxies whose `X-Forwarded-For` is believed, for the budget of callers without credentials: addresses, CIDR
     * ranges or `loopback`, `linklocal`, `uniquelocal`. Default none: the socket's address is the caller's.
     */
    TRUSTED_PROXIES: list().default([]),
    /** Redis shared by gateway replicas for budgets; memory when unset. */
    REDIS_URL: z.url().optional(),

    /** API keys as JSON: `[{"key": "...", "client": "ios-app", "scopes": ["orders:write"]}]`. */
    API_KEYS: json(z.array(ApiKey)).default([]),
    JWT_SECRET: z.string().min(32).optional(),
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    /** Refuse tokens without an `exp` claim. Default true: a token that never expires cannot be revoked by waiting. */
    JWT_REQUIRE_EXP: bool().default(true),
    /** Longest accepted lifetime (`exp` minus `iat`, or `exp` minus now without `iat`), in seconds. Default 24 h. */
    JWT_MAX_LIFETIME_S: positiveInt().default(86_400),
    /** Claims forwarded to subgraphs in their identity tokens (`claims`). */
    FORWARD_CLAIMS: list().default(['clinic_id', 'role']),
    /** Whether callers without credentials may query fields that need no authentication. Default true. */
    ALLOW_ANONYMOUS: bool().default(true),
    /** `filter` nulls unauthorized fields with errors; `reject` refuses the whole operation. */
    AUTHORIZATION_MODE: z.enum(['filter', 'reject']).default('filter'),

    /**
     * The gateway's private key (PEM text or a PEM file's path; Ed25519 or P-256) signing each subgraph fetch's
     * identity token. Unset: subgraphs learn no caller identity.
     */
    SUBGRAPH_SIGNING_KEY: z.string().optional(),
    /** Timeout of one subgraph fetch. Default 10 s; per subgraph in SUBGRAPH_TIMEOUTS (`{"orders": 2000}`). */
    SUBGRAPH_TIMEOUT_MS: positiveInt().default(10_000),
    SUBGRAPH_TIMEOUTS: json(z.record(z.string(), z.number().int().positive())).default({}),
    /**
     * Largest subgraph response body read, in bytes; a fetch over it is aborted and fails with
     * SUBGRAPH_RESPONSE_TOO_LARGE. Default 32 MiB; per subgraph in SUBGRAPH_MAX_RESPONSE_SIZES (`{"search": 67108864}`).
     */
    SUBGRAPH_MAX_RESPONSE_BYTES: positiveInt().default(32 * 1024 * 1024),
    SUBGRAPH_MAX_RESPONSE_SIZES: json(z.record(z.string(), z.number().int().positive())).default({}),
    /**
     * What clients see of a subgraph's own errors: `pass` keeps message, path and `extensions.code`; `redact`
     * replaces the message with one naming the subgraph and the code. Either way other extensions are dropped.
     */
    SUBGRAPH_ERRORS: z.enum(['pass', 'redact']).default('pass'),
    /** Keep-alive connections per subgraph origin. Default 64. */
    SUBGRAPH_CONNECTIONS: positiveInt().default(64),
    /** Client headers forwarded to subgraphs. */
    FORWARD_HEADERS: list().default(['accept-language', 'x-request-id']),

    /** OTLP/HTTP endpoint for traces; no export when unset. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How long shutdown waits for in-flight requests. Default 10 s. */
    SHUTDOWN_GRACE_MS: positiveInt().default(10_000),

    // --- usage reporting (plugins/usageReporting) ---
    /** Send field usage to the registry. Default: true when a registry is configured (USAGE_REGISTRY_URL or REGISTRY_URL) with GRAPH. */
    USAGE_REPORTING_ENABLED: bool().optional(),
    /** How often usage is sent, in ms. Default 10 s. */
    USAGE_REPORT_INTERVAL_MS: positiveInt().default(10_000),
    /** Most (operation, client version) entries buffered between sends; the registry takes at most 10,000. Default 5,000. */
    USAGE_BUFFER_MAX_OPERATIONS: positiveInt().max(10_000).default(5000),
    /** Most bytes of usage buffered (estimated). Default 8 MiB. */
    USAGE_BUFFER_MAX_BYTES: positiveInt().default(8 * 1024 * 1024),
    /** Registry receiving usage. Default REGISTRY_URL. */
    USAGE_REGISTRY_URL: z.url().optional(),
    /** REPORT-scoped registry token. Default REGISTRY_TOKEN. */
    USAGE_TOKEN: z.string().optional(),
  })
  .superRefine(
    (env, ctx) => {
      if (!env.SUPERGRAPH && !env.REGISTRY_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['SUPERGRAPH'],
          message: 'set SUPERGRAPH (--supergraph) or REGISTRY_URL (--registry)',
        });
      }
      if (env.REGISTRY_URL && !env.GRAPH) {
        ctx.addIssue({ code: 'custom', path: ['GRAPH'], message: 'required with REGISTRY_URL' });
      }
      if ([env.JWT_SECRET, env.JWT_PUBLIC_KEY, env.JWT_JWKS_URL].filter(Boolean).length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'set only one of JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL',
        });
      }
      if (env.BUDGETS_ENABLED && Number(env.BUDGET_CAPACITY) < Number(env.MAX_QUERY_COST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['BUDGET_CAPACITY'],
          message: `must be at least MAX_QUERY_COST (${env.MAX_QUERY_COST}), or an operation the cost limit admits could never be paid for`,
        });
      }
      if (Number(env.HEADERS_TIMEOUT_MS) > Number(env.REQUEST_TIMEOUT_MS)) {
        ctx.addIssue({
          code: 'custom',
          path: ['HEADERS_TIMEOUT_MS'],
          message: `must be at most REQUEST_TIMEOUT_MS (${env.REQUEST_TIMEOUT_MS}): the headers are part of the request`,
        });
      }
      // Run even when a variable above is invalid, so one run lists every problem (these checks only test presence).
    },
    { when: () => true },
  );

export type GatewayConfig = ReturnType<typeof toConfig>;

function toConfig(env: z.output<typeof Env>) {
  return {
    server: {
      port: env.PORT,
      host: env.HOST,
      maxBodyBytes: env.MAX_BODY_BYTES,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
    supergraph: env.REGISTRY_URL
      ? {
          kind: 'registry' as const,
          url: env.REGISTRY_URL,
          graph: env.GRAPH ?? '',
          variant: env.VARIANT,
          token: env.REGISTRY_TOKEN,
          pollIntervalMs: env.POLL_INTERVAL_MS,
          cachePath: env.SUPERGRAPH_CACHE,
        }
      : { kind: 'file' as const, path: env.SUPERGRAPH ?? '' },
    limits: {
      maxCost: env.MAX_QUERY_COST,
      defaultListSize: env.DEFAULT_LIST_SIZE,
      costMode: env.COST_MODE,
      introspection: env.INTROSPECTION,
      maxIntrospectionCost: env.MAX_INTROSPECTION_COST,
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxTokens: env.MAX_TOKENS,
    },
    budgets: {
      enabled: env.BUDGETS_ENABLED,
      capacity: env.BUDGET_CAPACITY,
      refillPerSecond: env.BUDGET_REFILL_PER_SECOND,
      redisUrl: env.REDIS_URL,
      trustedProxies: env.TRUSTED_PROXIES,
    },
    auth: {
      apiKeys: env.API_KEYS,
      jwt: {
        secret: env.JWT_SECRET,
        publicKey: env.JWT_PUBLIC_KEY,
        jwksUrl: env.JWT_JWKS_URL,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
        requireExp: env.JWT_REQUIRE_EXP,
        maxLifetimeS: env.JWT_MAX_LIFETIME_S,
      },
      forwardClaims: env.FORWARD_CLAIMS,
      allowAnonymous: env.ALLOW_ANONYMOUS,
      authorizationMode: env.AUTHORIZATION_MODE,
    },
    subgraphs: {
      signingKey: env.SUBGRAPH_SIGNING_KEY,
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      timeouts: env.SUBGRAPH_TIMEOUTS,
      maxResponseBytes: env.SUBGRAPH_MAX_RESPONSE_BYTES,
      maxResponseSizes: env.SUBGRAPH_MAX_RESPONSE_SIZES,
      errors: env.SUBGRAPH_ERRORS,
      connections: env.SUBGRAPH_CONNECTIONS,
      forwardHeaders: env.FORWARD_HEADERS.map((h) => h.toLowerCase()),
    },
    telemetry: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, logLevel: env.LOG_LEVEL },
    usageReporting: {
      enabled:
        (env.USAGE_REPORTING_ENABLED ?? true) &&
        Boolean(env.USAGE_REGISTRY_URL ?? env.REGISTRY_URL) &&
        Boolean(env.GRAPH),
      registryUrl: env.USAGE_REGISTRY_URL ?? env.REGISTRY_URL ?? '',
      token: env.USAGE_TOKEN ?? env.REGISTRY_TOKEN,
      graph: env.GRAPH ?? '',
      variant: env.VARIANT,
      intervalMs: env.USAGE_REPORT_INTERVAL_MS,
      maxBufferedOperations: env.USAGE_BUFFER_MAX_OPERATIONS,
      maxBufferedBytes: env.USAGE_BUFFER_MAX_BYTES,
    },
  };
}

// Settings that no longer exist, with what replaces them: a deployment still setting one fails to start instead of
// running with less protection than it thinks.
const REMOVED_SETTINGS: Record<string, string> = {
  SUBGRAPH_SECRET:
    "the shared secret was removed (any subgraph holding it could impersonate the gateway); set SUBGRAPH_SIGNING_KEY to the gateway's private key",
};

/** Parses and validates the gateway's settings; throws a `ConfigError` listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const removed = Object.entries(REMOVED_SETTINGS)
    .filter(([name]) => defined[name] !== undefined)
    .map(([name, replacement]) => `${name}: ${replacement}`);
  const result = Env.safeParse(defined);
  if (!result.success || removed.length > 0) {
    throw new ConfigError([
      ...removed,
      ...(result.error?.issues ?? []).map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    ]);
  }
  return toConfig(result.data);
}

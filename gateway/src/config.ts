import { CostDefaults } from '@switchyard/cost-model';
import { UsageReportLimits } from '@switchyard/registry-client/usage';
import { z } from 'zod';
import { ConfigError } from './errors';
import { plainConfigIssue } from './plainConfigIssue';

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
    let value: unknown;
    try {
      value = JSON.parse(v);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must be JSON (${(error as Error).message})` });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.output<T>;
    // The JSON's own problems, under the variable's name, so each reads `API_KEYS: entry 1 needs "client"`.
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: issue.input } as never);
    return z.NEVER;
  });

const ApiKey = z.object({
  key: z.string().min(16),
  client: z.string().min(1),
  subject: z.string().optional(),
  scopes: z.array(z.string()).default([]),
  claims: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Every setting of the gateway, read from environment variables, each with the help `--help` prints. The CLI turns
 * each `--flag-name` into `FLAG_NAME` before calling `loadConfig`, so a flag and its variable are the same setting.
 * The README's settings table says why each default is what it is; a test keeps the two in step.
 */
export const Env = z
  .object({
    PORT: port().default(4000).describe('HTTP port (/graphql, /health, /ready, /metrics)'),
    HOST: z.string().default('0.0.0.0').describe('Address the HTTP server binds'),
    SUPERGRAPH: z.string().optional().describe('Supergraph SDL file, watched and hot-reloaded (or REGISTRY_URL)'),
    REGISTRY_URL: z.url().optional().describe('Registry to poll for the supergraph, with GRAPH and REGISTRY_TOKEN'),
    GRAPH: z.string().optional().describe('Graph name in the registry (required with REGISTRY_URL)'),
    VARIANT: z.string().default('prod').describe('Graph variant in the registry'),
    REGISTRY_TOKEN: z.string().optional().describe('READ token for the registry'),
    POLL_INTERVAL_MS: positiveInt().default(10_000).describe('How often the registry is polled, with jitter'),
    SUPERGRAPH_CACHE: z
      .string()
      .default('.switchyard/gateway/supergraph.graphql')
      .describe('Last good supergraph from the registry, served when the registry is down at start'),

    MAX_QUERY_COST: positiveInt().default(CostDefaults.maxCost).describe('Most estimated cost of one operation'),
    DEFAULT_LIST_SIZE: positiveInt()
      .default(CostDefaults.defaultListSize)
      .describe('Assumed size of a list without @listSize or an integer first/last/limit argument'),
    COST_MODE: z
      .enum(['enforce', 'measure'])
      .default('enforce')
      .describe('enforce refuses operations over MAX_QUERY_COST; measure only reports their cost'),
    GRAPHIQL: bool()
      .default(true)
      .describe('Whether browsers asking GET /graphql for HTML get GraphiQL (bundled, nothing from other hosts)'),
    INTROSPECTION: bool().default(true).describe('Whether __schema and __type may be queried (__typename always may)'),
    MAX_INTROSPECTION_COST: positiveInt()
      .default(5000)
      .describe("Most cost of an operation's introspection fields, priced apart from its data"),
    MAX_DEPTH: positiveInt().default(15).describe('Deepest selection nesting of an operation'),
    MAX_ALIASES: positiveInt().default(30).describe('Most aliases in one operation'),
    MAX_ROOT_FIELDS: positiveInt().default(20).describe('Most root fields in one operation'),
    MAX_TOKENS: positiveInt().default(5000).describe('Most lexical tokens in a document, enforced by the parser'),
    MAX_BODY_BYTES: positiveInt()
      .default(1_048_576)
      .describe('Largest request body, and largest GET query string, in bytes'),
    LARGE_REQUEST_BYTES: positiveInt()
      .default(65_536)
      .describe('Bodies over this many bytes (or of unknown length) are large: LARGE_REQUEST_CONCURRENCY at a time'),
    LARGE_REQUEST_CONCURRENCY: positiveInt()
      .default(1)
      .describe('Large requests read and served at once; the others wait unread'),
    LARGE_REQUEST_BYTES_PER_SECOND: positiveInt()
      .default(8 * 1024 * 1024)
      .describe('Pace of large request bodies, all callers together, in declared bytes per second'),
    HEADERS_TIMEOUT_MS: positiveInt().default(10_000).describe('Time a client has to send its request headers'),
    REQUEST_TIMEOUT_MS: positiveInt().default(30_000).describe('Time a client has to send a whole request'),
    KEEP_ALIVE_TIMEOUT_MS: positiveInt().default(5_000).describe('How long an idle keep-alive connection stays open'),

    BUDGETS_ENABLED: bool().default(true).describe("Charge each caller's operations to a bucket of cost points"),
    BUDGET_CAPACITY: positiveInt()
      .default(1000)
      .describe("Each caller's bucket of cost points (at least MAX_QUERY_COST)"),
    BUDGET_REFILL_PER_SECOND: z.coerce
      .number()
      .positive()
      .default(50)
      .describe('Cost points added back to each bucket per second'),
    TRUSTED_PROXIES: list()
      .default([])
      .describe('Proxies whose X-Forwarded-For is believed: addresses, CIDRs, loopback, linklocal, uniquelocal'),
    REDIS_URL: z.url().optional().describe('Redis shared by gateway replicas for budgets (memory when unset)'),

    API_KEYS: json(z.array(ApiKey))
      .default([])
      .describe('API keys as JSON: [{"key": "...", "client": "ios-app", "scopes": ["orders:write"]}]'),
    JWT_SECRET: z.string().min(32).optional().describe('HS256 secret verifying bearer tokens (32+ characters)'),
    JWT_PUBLIC_KEY: z.string().optional().describe('PEM public key verifying bearer tokens'),
    JWT_JWKS_URL: z.url().optional().describe('JWKS URL verifying bearer tokens'),
    JWT_ISSUER: z.string().optional().describe('Required `iss` of bearer tokens'),
    JWT_AUDIENCE: z.string().optional().describe('Required `aud` of bearer tokens'),
    JWT_REQUIRE_EXP: bool().default(true).describe('Refuse bearer tokens without an `exp` claim'),
    JWT_MAX_LIFETIME_S: positiveInt()
      .default(86_400)
      .describe('Longest accepted token lifetime (exp minus iat, or minus now), in seconds'),
    FORWARD_CLAIMS: list()
      .default([])
      .describe("Token claims forwarded in subgraphs' identity tokens (comma-separated; none when unset)"),
    ALLOW_ANONYMOUS: bool()
      .default(true)
      .describe('Whether callers without credentials may query fields that need no authentication'),
    AUTHORIZATION_MODE: z
      .enum(['filter', 'reject'])
      .default('filter')
      .describe('filter nulls unauthorized fields with errors; reject refuses the whole operation'),

    SUBGRAPH_SIGNING_KEY: z
      .string()
      .optional()
      .describe("Gateway's private key (PEM or a PEM file; Ed25519 or P-256) signing subgraph identity tokens"),
    SUBGRAPH_TIMEOUT_MS: positiveInt().default(10_000).describe('Timeout of one subgraph fetch'),
    SUBGRAPH_TIMEOUTS: json(z.record(z.string(), z.number().int().positive()))
      .default({})
      .describe('Per-subgraph fetch timeouts as JSON: {"orders": 2000}'),
    SUBGRAPH_MAX_RESPONSE_BYTES: positiveInt()
      .default(32 * 1024 * 1024)
      .describe('Largest subgraph response body read, in bytes'),
    SUBGRAPH_MAX_RESPONSE_SIZES: json(z.record(z.string(), z.number().int().positive()))
      .default({})
      .describe('Per-subgraph response size limits as JSON: {"search": 67108864}'),
    SUBGRAPH_ERRORS: z
      .enum(['pass', 'redact'])
      .default('pass')
      .describe("pass keeps subgraph errors' message, path and code; redact replaces the message"),
    SUBGRAPH_CONNECTIONS: positiveInt().default(64).describe('Keep-alive connections per subgraph origin'),
    SUBGRAPH_DEDUPLICATION: bool()
      .default(true)
      .describe('Identical in-flight query fetches (same subgraph, headers and body) share one subgraph call'),
    FORWARD_HEADERS: list()
      .default(['accept-language', 'x-request-id'])
      .describe('Client headers forwarded to subgraphs'),

    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional().describe('OTLP/HTTP endpoint for traces (no export when unset)'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level'),
    SHUTDOWN_GRACE_MS: positiveInt().default(10_000).describe('How long shutdown waits for in-flight requests'),

    DOCUMENT_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(32 * 1024 * 1024)
      .describe('Parsed and validated documents kept by query, in estimated bytes (0 keeps none)'),
    QUERY_PLAN_CACHE_BYTES: positiveInt()
      .default(64 * 1024 * 1024)
      .describe('Query plans kept, in approximate bytes (whole MiB)'),
    GATEWAY_EXECUTOR: z
      .enum(['apollo', 'switchyard'])
      .default('switchyard')
      .describe(
        "switchyard: the gateway's own executor runs query plans (merges in place, shapes in one walk); apollo: @apollo/gateway's",
      ),
    OPERATION_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(16 * 1024 * 1024)
      .describe(
        'Analyses kept per operation (limits, authorization, cost, usage, fetch texts), in estimated bytes (0 keeps none)',
      ),

    PERSISTED_DOCUMENTS: z
      .enum(['off', 'log', 'require'])
      .default('off')
      .describe(
        'off: no persisted documents; log: serve everything, count documents that are not persisted; require: serve only persisted documents',
      ),
    PERSISTED_DOCUMENTS_FILE: z
      .string()
      .optional()
      .describe(
        'A persisted document manifest to serve instead of the registry\'s (Apollo format or {"<id>": "<document>"})',
      ),
    PERSISTED_DOCUMENTS_CACHE: z
      .string()
      .default('.switchyard/gateway/persisted-documents.json')
      .describe('Last good persisted documents from the registry, used when the registry is down at start'),

    USAGE_REPORTING_ENABLED: bool()
      .optional()
      .describe('Send field usage to the registry (default: when a registry and GRAPH are set)'),
    USAGE_REPORT_INTERVAL_MS: positiveInt().default(10_000).describe('How often usage is sent'),
    USAGE_BUFFER_MAX_OPERATIONS: positiveInt()
      .max(10_000)
      .default(5000)
      .describe('Most (operation, client version) entries buffered between sends (at most 10,000)'),
    USAGE_BUFFER_MAX_BYTES: positiveInt()
      .default(8 * 1024 * 1024)
      .describe('Most bytes of usage buffered (estimated)'),
    USAGE_RETRY_HORIZON_MS: positiveInt()
      .default(UsageReportLimits.retryHorizonMs)
      .describe(
        "How long an unanswered usage report is resent before it is dropped (at most the registry's USAGE_REPORT_ID_RETENTION)",
      ),
    USAGE_MAX_DOCUMENT_LENGTH: positiveInt()
      .max(UsageReportLimits.maxDocumentLength)
      .default(UsageReportLimits.maxDocumentLength)
      .describe(
        `Longer normalized documents are sent cut, by signature and coordinates (at most ${UsageReportLimits.maxDocumentLength}, what the registry takes)`,
      ),
    USAGE_REGISTRY_URL: z.url().optional().describe('Registry receiving usage (default REGISTRY_URL)'),
    USAGE_TOKEN: z.string().optional().describe('REPORT-scoped registry token (default REGISTRY_TOKEN)'),
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
      if (env.PERSISTED_DOCUMENTS === 'require' && !env.PERSISTED_DOCUMENTS_FILE && !(env.REGISTRY_URL && env.GRAPH)) {
        ctx.addIssue({
          code: 'custom',
          path: ['PERSISTED_DOCUMENTS'],
          message:
            'require needs REGISTRY_URL and GRAPH, or PERSISTED_DOCUMENTS_FILE: with no documents every request would be refused',
        });
      }
      // Run even when a variable above is invalid, so one run lists every problem (these checks only test presence).
    },
    { when: () => true },
  );

export type GatewayConfig = ReturnType<typeof toConfig>;

/** Where persisted documents come from: none when off, else the file when given, else the registry. */
function persistedDocumentsSource(env: z.output<typeof Env>) {
  if (env.PERSISTED_DOCUMENTS === 'off') return { kind: 'none' as const };
  if (env.PERSISTED_DOCUMENTS_FILE) return { kind: 'file' as const, path: env.PERSISTED_DOCUMENTS_FILE };
  if (env.REGISTRY_URL && env.GRAPH) {
    return {
      kind: 'registry' as const,
      url: env.REGISTRY_URL,
      graph: env.GRAPH,
      variant: env.VARIANT,
      token: env.REGISTRY_TOKEN,
      pollIntervalMs: env.POLL_INTERVAL_MS,
      cachePath: env.PERSISTED_DOCUMENTS_CACHE,
    };
  }
  return { kind: 'none' as const };
}

/**
 * The bytes each per-operation cache may hold: a fifth of `OPERATION_CACHE_BYTES` for each of limits,
 * authorization, cost, usage analyses and subgraph fetch texts.
 */
export function operationCacheShare(caches: GatewayConfig['caches']): number {
  return Math.floor(caches.operationBytes / 5);
}

function toConfig(env: z.output<typeof Env>) {
  return {
    server: {
      port: env.PORT,
      host: env.HOST,
      maxBodyBytes: env.MAX_BODY_BYTES,
      largeRequestBytes: env.LARGE_REQUEST_BYTES,
      largeRequestConcurrency: env.LARGE_REQUEST_CONCURRENCY,
      largeRequestBytesPerSecond: env.LARGE_REQUEST_BYTES_PER_SECOND,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      graphiql: env.GRAPHIQL,
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
      deduplication: env.SUBGRAPH_DEDUPLICATION,
      forwardHeaders: env.FORWARD_HEADERS.map((h) => h.toLowerCase()),
    },
    telemetry: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, logLevel: env.LOG_LEVEL },
    /** Which executor runs query plans (`GATEWAY_EXECUTOR`); the planner is `@apollo/query-planner`'s either way. */
    executor: env.GATEWAY_EXECUTOR,
    caches: {
      documentBytes: env.DOCUMENT_CACHE_BYTES,
      queryPlanBytes: env.QUERY_PLAN_CACHE_BYTES,
      /** Split in five equal parts: limits, authorization, cost, usage analyses, subgraph fetch texts. */
      operationBytes: env.OPERATION_CACHE_BYTES,
    },
    persistedDocuments: {
      mode: env.PERSISTED_DOCUMENTS,
      source: persistedDocumentsSource(env),
    },
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
      retryHorizonMs: env.USAGE_RETRY_HORIZON_MS,
      maxDocumentLength: env.USAGE_MAX_DOCUMENT_LENGTH,
    },
  };
}

// Never echoed in a configuration error: they hold keys.
const SECRET_SETTINGS = ['API_KEYS', 'JWT_SECRET', 'REGISTRY_TOKEN', 'USAGE_TOKEN', 'SUBGRAPH_SIGNING_KEY'];

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
  const shown = Object.fromEntries(Object.entries(defined).filter(([name]) => !SECRET_SETTINGS.includes(name)));
  if (!result.success || removed.length > 0) {
    throw new ConfigError([...removed, ...(result.error?.issues ?? []).map((issue) => plainConfigIssue(issue, shown))]);
  }
  return toConfig(result.data);
}

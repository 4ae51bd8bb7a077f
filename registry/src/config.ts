import { z } from 'zod';
import type { ApiLimits } from './api/limits/checkApiLimits';
import { type CompositionSettings, defaultCompositionSettings } from './composition/createComposer';
import { defaultCheckCost } from './costs/checkCostSettings';
import { defaultWorkMem } from './db/openDatabase';
import { type DocumentLimits, defaultDocumentLimits } from './documents/documentLimits';
import { ConfigError } from './errors';
import { defaultRoutingUrlPolicy, type RoutingUrlPolicy } from './input/routingUrlPolicy';
import type { CheckUsageDefaults } from './publishing/usageAwareChecks';
import { DEFAULT_INBOX_MAX_REPORTS } from './usage/acceptUsageReport';
import { UsageReportLimits } from './usage/contract';
import { DEFAULT_FOLD_BATCH_REPORTS } from './usage/foldUsageInbox';
import { parseDuration } from './usage/reports/parseUsageWindow';
import { defaultWebhookSettings, type WebhookSettings } from './webhooks/webhookSettings';

const MiB = 1024 * 1024;

const duration = () =>
  z.string().refine((value) => parseDuration(value) !== undefined, 'must be a duration like 5m, 48h or 2d');

const Env = z.object({
  /** Port of the registry's HTTP server. Default 4100. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** Interface to listen on. Default `0.0.0.0`. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL connection URL; when unset the registry stores its data in embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Memory each sort or hash of a registry query may use before spilling to disk (PostgreSQL's `work_mem`, set on
   * every connection). Default 32MB: the usage reports' aggregates over 30 days of a 10,000-field graph fit in it.
   */
  DATABASE_WORK_MEM: z
    .string()
    .regex(/^[1-9]\d*(kB|MB|GB)$/, 'must be a size like 4MB or 512kB')
    .default(defaultWorkMem),
  /** Directory of the embedded PGlite database; `memory://` keeps it in memory. Default `.switchyard/registry`. */
  DATA_DIR: z.string().min(1).default('.switchyard/registry'),
  /** Admin token ensured at start (stored hashed). When unset, an empty registry prints a generated one once. */
  SWITCHYARD_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Largest subgraph SDL accepted by publish and check, in bytes. Default 2 MiB. */
  MAX_SDL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * MiB),
  /** Most type definitions and extensions in one subgraph SDL. Default 5000 (2.5× the whole 50-subgraph bench graph). */
  MAX_SCHEMA_TYPES: z.coerce.number().int().positive().default(defaultCompositionSettings.limits.maxTypes),
  /** Most fields, input fields and enum values in one subgraph SDL. Default 50000. */
  MAX_SCHEMA_FIELDS: z.coerce.number().int().positive().default(defaultCompositionSettings.limits.maxFields),
  /**
   * Deepest nesting of one subgraph SDL (`[` lists, `{` input objects and type bodies, `(` arguments, field sets in
   * argument strings), counted from its tokens before it is parsed. Default 32; parsing overflows the stack at 2,000.
   */
  MAX_SCHEMA_DEPTH: z.coerce.number().int().positive().max(1000).default(defaultCompositionSettings.limits.maxDepth),
  /**
   * Worker threads composing at once. Default 1: on a 2-core host one core stays with the event loop (HTTP, the
   * database); 0 composes on the event loop, which stops the registry answering while it runs (benchmarks only).
   */
  COMPOSITION_WORKERS: z.coerce.number().int().nonnegative().max(64).default(defaultCompositionSettings.workers),
  /**
   * Longest one composition may take, counted from when a worker takes it (waiting behind other compositions is not
   * counted), before it is stopped. Default 60000 ms.
   */
  COMPOSITION_TIMEOUT_MS: z.coerce.number().int().positive().default(defaultCompositionSettings.timeoutMs),
  /** Bytes of composition results kept by the hash of their input, so repeated checks are free. Default 64 MiB. */
  COMPOSITION_CACHE_BYTES: z.coerce.number().int().nonnegative().default(defaultCompositionSettings.cacheBytes),
  /**
   * Estimated heap of built subgraphs each composition worker keeps, so a publish rebuilds only the subgraph it
   * changes. Default 256 MiB (the 50-subgraph bench graph takes 36 MiB); 0 rebuilds every subgraph every time.
   */
  COMPOSITION_SUBGRAPH_CACHE_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(defaultCompositionSettings.subgraphCacheBytes),
  /** Largest HTTP request body accepted, in bytes. Default 5 MiB. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * MiB),
  /** Most lexer tokens in one GraphQL API document. Default 5000. */
  API_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  /** Deepest field nesting of one GraphQL API operation. Default 12. */
  API_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  /** Most aliases in one GraphQL API operation. Default 30. */
  API_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  /** Most root fields in one GraphQL API operation. Default 20. */
  API_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20),
  /** Most fields one GraphQL API operation resolves, fragments expanded. Default 2000. */
  API_MAX_COST: z.coerce.number().int().positive().default(2000),
  /** pino log level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days usage is kept before the hourly rollup job deletes it. Default 90. */
  USAGE_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  /** How far a usage report's window may end after the registry's clock (`5m`). Later ones: USAGE_WINDOW_IN_FUTURE. */
  USAGE_MAX_CLOCK_SKEW: duration().default('5m'),
  /**
   * How long ago a usage report's window may start (`48h`); older ones are refused with USAGE_WINDOW_TOO_OLD. At most
   * USAGE_REPORT_ID_RETENTION, or a resent report could be counted twice.
   */
  USAGE_MAX_REPORT_AGE: duration().default('48h'),
  /**
   * How long the id of a counted usage report is remembered, so a resent one is not counted again (`48h`). At least
   * the gateways' USAGE_RETRY_HORIZON_MS.
   */
  USAGE_REPORT_ID_RETENTION: duration().default('48h'),
  /** Largest count in one usage report entry; a larger one is refused with COUNT_TOO_LARGE. Default 10 billion. */
  USAGE_MAX_COUNT_PER_ENTRY: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .default(UsageReportLimits.maxCountPerEntry),
  /**
   * How often each replica folds the usage inbox when it accepted nothing itself, in ms (10 000); accepting a report
   * wakes the fold at once. Picks up reports a stopped replica accepted and did not fold.
   */
  USAGE_FOLD_INTERVAL_MS: z.coerce.number().int().positive().max(3_600_000).default(10_000),
  /** Usage reports summed and written per fold transaction, at most. Default 2000. */
  USAGE_FOLD_BATCH_REPORTS: z.coerce.number().int().positive().max(100_000).default(DEFAULT_FOLD_BATCH_REPORTS),
  /** Usage reports that may wait to be folded before new ones are refused with 503 USAGE_INBOX_FULL. Default 20,000. */
  USAGE_INBOX_MAX_REPORTS: z.coerce.number().int().positive().default(DEFAULT_INBOX_MAX_REPORTS),
  /** How far back a schema check looks for usage of what a breaking change affects (`24h`, `7d`, `30d`). Default `7d`. */
  CHECK_USAGE_WINDOW: z
    .string()
    .refine((value) => parseDuration(value) !== undefined, 'must be a duration like 24h, 7d or 30d')
    .default('7d'),
  /** Requests in the check window from which a breaking change blocks a check. Default 1 (any use blocks). */
  CHECK_USAGE_MIN_REQUESTS: z.coerce.number().int().nonnegative().default(1),
  /**
   * Share of the variant's requests in the check window (percent, 0–100) a breaking change's affected coordinates
   * must also reach to block. Default 0 (the request count alone decides).
   */
  CHECK_USAGE_MIN_PERCENT: z.coerce.number().min(0).max(100).default(0),
  /**
   * Let a check's breaking changes through when the variant received no usage at all in the window. Default false:
   * without usage nothing shows a change is safe, so breaking changes block (`--allow-no-usage` per check).
   */
  CHECK_ALLOW_NO_USAGE: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false),
  /** Rise of an operation's estimated cost (percent) from which a check reports it as dangerous. Default 50. */
  CHECK_COST_INCREASE_PERCENT: z.coerce.number().nonnegative().default(defaultCheckCost.increasePercent),
  /**
   * The gateways' MAX_QUERY_COST: an operation a candidate prices over it fails the check. Default 1000, the gateway's
   * own default; set both together.
   */
  CHECK_COST_MAX_COST: z.coerce.number().int().positive().default(defaultCheckCost.maxCost),
  /** The gateways' DEFAULT_LIST_SIZE, to price lists as they do. Default 5, the gateway's own default. */
  CHECK_COST_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(defaultCheckCost.defaultListSize),
  /** Most operations (seen, then persisted) one check prices under both supergraphs. Default 500. */
  CHECK_COST_MAX_OPERATIONS: z.coerce.number().int().nonnegative().max(100_000).default(defaultCheckCost.maxOperations),
  /** Largest persisted document manifest `documents publish` takes, in bytes. Default 2 MiB. */
  PERSISTED_DOCUMENTS_MAX_BYTES: z.coerce.number().int().positive().default(defaultDocumentLimits.maxManifestBytes),
  /** Most documents in one persisted document manifest. Default 5000. */
  PERSISTED_DOCUMENTS_MAX_COUNT: z.coerce.number().int().positive().default(defaultDocumentLimits.maxDocuments),
  /** Longest routing URL a publish may set, in characters. Default 2048. */
  ROUTING_URL_MAX_LENGTH: z.coerce.number().int().positive().max(65_536).default(defaultRoutingUrlPolicy.maxLength),
  /**
   * Comma-separated host patterns routing URLs must match (`orders.internal,*.svc.cluster.local`); unset allows any
   * host but link-local and cloud metadata ones. Set it in production.
   */
  ROUTING_URL_ALLOWED_HOSTS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== ''),
    )
    .pipe(
      z.array(
        z.string().regex(/^(\*\.)?[A-Za-z0-9.:[\]_-]+$/, 'host patterns look like orders.internal or *.svc.local'),
      ),
    )
    .optional(),
  /** Allow routing URLs on link-local addresses (169.254.0.0/16, fe80::/10) and cloud metadata hosts. Default false. */
  ROUTING_URL_ALLOW_LINK_LOCAL: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false),
  /** How often each replica looks for webhook deliveries due, ms. Default 5000. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(3_600_000)
    .default(defaultWebhookSettings.pollIntervalMs),
  /** Longest one webhook attempt may take before it counts as failed, ms. Default 10000. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(defaultWebhookSettings.timeoutMs),
  /** Webhook deliveries one replica sends at once per poll. Default 10. */
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().positive().max(1000).default(defaultWebhookSettings.batchSize),
  /** Delay before a failed delivery's first retry, ms; each later retry doubles it. Default 30000. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().positive().default(defaultWebhookSettings.retry.baseDelayMs),
  /** Longest delay between two attempts of a delivery, ms. Default 3600000 (1 h). */
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(defaultWebhookSettings.retry.maxDelayMs),
  /** How long after its event a delivery is retried before it is given up (`24h`). */
  WEBHOOK_RETRY_HORIZON: duration().default('24h'),
  /** How long finished deliveries and their attempts are kept (`30d`). */
  WEBHOOK_DELIVERY_RETENTION: duration().default('30d'),
  /** Most webhooks of one graph. Default 20. */
  WEBHOOK_MAX_PER_GRAPH: z.coerce.number().int().positive().max(10_000).default(defaultWebhookSettings.maxPerGraph),
  /** Most changes one delivery lists (breaking first). Default 200. */
  WEBHOOK_MAX_CHANGES: z.coerce.number().int().positive().max(100_000).default(defaultWebhookSettings.maxChanges),
  /**
   * Comma-separated host patterns webhook URLs must match (`hooks.slack.com,*.example.com`); unset allows any host
   * but link-local and cloud metadata ones.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== ''),
    )
    .pipe(
      z.array(
        z.string().regex(/^(\*\.)?[A-Za-z0-9.:[\]_-]+$/, 'host patterns look like hooks.slack.com or *.example.com'),
      ),
    )
    .optional(),
});

/** The name of every setting `loadConfig` reads (environment variables), for manifests to be checked against. */
export const registrySettingNames: readonly string[] = Object.keys(Env.shape);

/** The registry's settings, parsed once by `loadConfig` and passed down explicitly. */
export interface RegistryConfig {
  port: number;
  host: string;
  database: {
    /** PostgreSQL URL; PGlite when unset. */
    url?: string;
    /** PGlite data directory; `undefined` keeps PGlite in memory (tests). */
    dataDir?: string;
    /** `work_mem` of every connection (`DATABASE_WORK_MEM`). */
    workMem?: string;
  };
  /** Admin token to ensure at start, if any. */
  adminToken?: string;
  limits: { maxSdlBytes: number; maxBodyBytes: number };
  /** Limits on GraphQL API requests; hand-built configs may omit them (`defaultApiLimits`). */
  apiLimits?: ApiLimits;
  logLevel: z.output<typeof Env>['LOG_LEVEL'];
  /** Usage storage; `loadConfig` always sets it, hand-built configs may omit it (retention 90 days). */
  usage?: {
    /** Days usage is kept. */
    retentionDays: number;
    /** How far a report's window may end after the registry's clock, in ms (`USAGE_MAX_CLOCK_SKEW`). */
    maxClockSkewMs: number;
    /** How long ago a report's window may start, in ms (`USAGE_MAX_REPORT_AGE`); at most `reportIdRetentionMs`. */
    maxReportAgeMs: number;
    /** How long report ids are remembered, in ms (`USAGE_REPORT_ID_RETENTION`). */
    reportIdRetentionMs: number;
    /** Largest count in one report entry (`USAGE_MAX_COUNT_PER_ENTRY`). */
    maxCountPerEntry: number;
    /** How often the inbox is folded without a wake, in ms (`USAGE_FOLD_INTERVAL_MS`). Default 10 s. */
    foldIntervalMs?: number;
    /** Reports per fold transaction (`USAGE_FOLD_BATCH_REPORTS`). Default 2000. */
    foldBatchReports?: number;
    /** Reports that may wait in the inbox (`USAGE_INBOX_MAX_REPORTS`). Default 20,000. */
    maxPendingReports?: number;
  };
  /**
   * Defaults of usage-aware schema checks, which a check's input may override; `loadConfig` always sets them,
   * hand-built configs may omit them (`defaultCheckUsage`: 7 days, 1 request, 0 %).
   */
  checks?: CheckUsageDefaults;
  /** What routing URLs publishes may set; hand-built configs may omit it (`defaultRoutingUrlPolicy`). */
  routingUrls?: RoutingUrlPolicy;
  /** Composition workers, time limit, cache and schema size limits; hand-built configs may omit it (the defaults). */
  composition?: CompositionSettings;
  /** Limits on published manifests; hand-built configs may omit them (`defaultDocumentLimits`). */
  documents?: DocumentLimits;
  /** Webhook delivery and limits (`WEBHOOK_*`); hand-built configs may omit it (`defaultWebhookSettings`). */
  webhooks?: WebhookSettings;
}

/** Settings that override the environment, e.g. `switchyard registry serve --port 4200`. Unknown keys are ignored. */
export interface ConfigOverrides {
  port?: number | string;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  adminToken?: string;
  maxSdlBytes?: number | string;
  maxBodyBytes?: number | string;
  logLevel?: string;
}

const overrideKeys: Record<keyof ConfigOverrides, keyof typeof Env.shape> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'DATA_DIR',
  adminToken: 'SWITCHYARD_ADMIN_TOKEN',
  maxSdlBytes: 'MAX_SDL_BYTES',
  maxBodyBytes: 'MAX_BODY_BYTES',
  logLevel: 'LOG_LEVEL',
};

/**
 * Reads the registry's settings from `env` (default `process.env`), with `overrides` taking precedence. Empty
 * strings count as unset. Throws a `ConfigError` listing every invalid variable at once.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): RegistryConfig {
  const values: Record<string, string> = {};
  for (const key of Object.keys(Env.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') values[key] = value;
  }
  for (const [option, key] of Object.entries(overrideKeys)) {
    const value = overrides[option as keyof ConfigOverrides];
    if (value !== undefined && value !== '') values[key] = String(value);
  }
  const result = Env.safeParse(values);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const parsed = result.data;
  const usage = {
    retentionDays: parsed.USAGE_RETENTION_DAYS,
    maxClockSkewMs: parseDuration(parsed.USAGE_MAX_CLOCK_SKEW) ?? UsageReportLimits.maxClockSkewMs,
    maxReportAgeMs: parseDuration(parsed.USAGE_MAX_REPORT_AGE) ?? UsageReportLimits.maxReportAgeMs,
    reportIdRetentionMs: parseDuration(parsed.USAGE_REPORT_ID_RETENTION) ?? UsageReportLimits.reportIdRetentionMs,
    maxCountPerEntry: parsed.USAGE_MAX_COUNT_PER_ENTRY,
    foldIntervalMs: parsed.USAGE_FOLD_INTERVAL_MS,
    foldBatchReports: parsed.USAGE_FOLD_BATCH_REPORTS,
    maxPendingReports: parsed.USAGE_INBOX_MAX_REPORTS,
  };
  if (usage.maxReportAgeMs > usage.reportIdRetentionMs) {
    // A report older than its id's memory would be counted again when resent: accept only what can be recognised.
    throw new ConfigError([
      `USAGE_MAX_REPORT_AGE: must be at most USAGE_REPORT_ID_RETENTION (${parsed.USAGE_REPORT_ID_RETENTION}), or a resent report older than the ids remembered would be counted twice`,
    ]);
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: {
      ...(parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { dataDir: parsed.DATA_DIR }),
      workMem: parsed.DATABASE_WORK_MEM,
    },
    adminToken: parsed.SWITCHYARD_ADMIN_TOKEN,
    limits: { maxSdlBytes: parsed.MAX_SDL_BYTES, maxBodyBytes: parsed.MAX_BODY_BYTES },
    apiLimits: {
      maxTokens: parsed.API_MAX_TOKENS,
      maxDepth: parsed.API_MAX_DEPTH,
      maxAliases: parsed.API_MAX_ALIASES,
      maxRootFields: parsed.API_MAX_ROOT_FIELDS,
      maxCost: parsed.API_MAX_COST,
    },
    logLevel: parsed.LOG_LEVEL,
    usage,
    checks: {
      usageWindow: parsed.CHECK_USAGE_WINDOW,
      minRequests: parsed.CHECK_USAGE_MIN_REQUESTS,
      minPercent: parsed.CHECK_USAGE_MIN_PERCENT,
      allowNoUsage: parsed.CHECK_ALLOW_NO_USAGE,
      cost: {
        increasePercent: parsed.CHECK_COST_INCREASE_PERCENT,
        maxCost: parsed.CHECK_COST_MAX_COST,
        defaultListSize: parsed.CHECK_COST_DEFAULT_LIST_SIZE,
        maxOperations: parsed.CHECK_COST_MAX_OPERATIONS,
      },
    },
    routingUrls: {
      maxLength: parsed.ROUTING_URL_MAX_LENGTH,
      allowedHosts: parsed.ROUTING_URL_ALLOWED_HOSTS ?? [],
      allowLinkLocal: parsed.ROUTING_URL_ALLOW_LINK_LOCAL,
    },
    documents: {
      maxManifestBytes: parsed.PERSISTED_DOCUMENTS_MAX_BYTES,
      maxDocuments: parsed.PERSISTED_DOCUMENTS_MAX_COUNT,
    },
    webhooks: {
      pollIntervalMs: parsed.WEBHOOK_POLL_INTERVAL_MS,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      batchSize: parsed.WEBHOOK_BATCH_SIZE,
      retry: {
        baseDelayMs: parsed.WEBHOOK_RETRY_BASE_MS,
        maxDelayMs: parsed.WEBHOOK_RETRY_MAX_DELAY_MS,
        horizonMs: parseDuration(parsed.WEBHOOK_RETRY_HORIZON) ?? defaultWebhookSettings.retry.horizonMs,
      },
      deliveryRetentionMs:
        parseDuration(parsed.WEBHOOK_DELIVERY_RETENTION) ?? defaultWebhookSettings.deliveryRetentionMs,
      maxPerGraph: parsed.WEBHOOK_MAX_PER_GRAPH,
      maxChanges: parsed.WEBHOOK_MAX_CHANGES,
      urls: {
        maxLength: parsed.ROUTING_URL_MAX_LENGTH,
        allowedHosts: parsed.WEBHOOK_ALLOWED_HOSTS ?? [],
        allowLinkLocal: false,
      },
    },
    composition: {
      workers: parsed.COMPOSITION_WORKERS,
      timeoutMs: parsed.COMPOSITION_TIMEOUT_MS,
      cacheBytes: parsed.COMPOSITION_CACHE_BYTES,
      subgraphCacheBytes: parsed.COMPOSITION_SUBGRAPH_CACHE_BYTES,
      limits: {
        maxTypes: parsed.MAX_SCHEMA_TYPES,
        maxFields: parsed.MAX_SCHEMA_FIELDS,
        maxDepth: parsed.MAX_SCHEMA_DEPTH,
      },
    },
  };
}

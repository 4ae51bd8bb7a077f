import { CostDefaults } from '@switchyard/cost-model';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { loadConfig } from './loadConfig';

describe('loadConfig', () => {
  it('applies every default', () => {
    expect(loadConfig({})).toEqual({
      port: 4100,
      host: '0.0.0.0',
      database: { dataDir: '.switchyard/registry', workMem: '32MB' },
      adminToken: undefined,
      limits: { maxSdlBytes: 2 * 1024 * 1024, maxBodyBytes: 5 * 1024 * 1024 },
      apiLimits: { maxTokens: 5000, maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxCost: 2000 },
      logLevel: 'info',
      usage: {
        retentionDays: 90,
        maxClockSkewMs: 5 * 60_000,
        maxReportAgeMs: 48 * 3_600_000,
        reportIdRetentionMs: 48 * 3_600_000,
        maxCountPerEntry: 10_000_000_000,
        foldIntervalMs: 10_000,
        foldDelayMs: 2000,
        foldBatchReports: 2000,
        maxPendingReports: 20_000,
      },
      checks: {
        usageWindow: '7d',
        minRequests: 1,
        minPercent: 0,
        allowNoUsage: false,
        cost: { increasePercent: 50, maxCost: 1000, defaultListSize: 5, maxOperations: 500 },
      },
      routingUrls: { maxLength: 2048, allowedHosts: [], allowLinkLocal: false },
      documents: { maxManifestBytes: 2 * 1024 * 1024, maxDocuments: 5000 },
      composition: {
        workers: 1,
        timeoutMs: 60_000,
        cacheBytes: 64 * 1024 * 1024,
        subgraphCacheBytes: 256 * 1024 * 1024,
        limits: { maxTypes: 5000, maxFields: 50_000, maxDepth: 32 },
      },
      webhooks: {
        pollIntervalMs: 5000,
        timeoutMs: 10_000,
        batchSize: 10,
        retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, horizonMs: 86_400_000 },
        deliveryRetentionMs: 30 * 86_400_000,
        maxPerGraph: 20,
        maxChanges: 200,
        urls: { maxLength: 2048, allowedHosts: [], allowLinkLocal: false },
      },
    });
  });

  it('reads the persisted document manifest limits', () => {
    const config = loadConfig({ PERSISTED_DOCUMENTS_MAX_BYTES: '1000', PERSISTED_DOCUMENTS_MAX_COUNT: '10' });
    expect(config.documents).toEqual({ maxManifestBytes: 1000, maxDocuments: 10 });
    expect(() => loadConfig({ PERSISTED_DOCUMENTS_MAX_COUNT: '0' })).toThrow(/PERSISTED_DOCUMENTS_MAX_COUNT/);
  });

  it('reads the webhook settings', () => {
    const config = loadConfig({
      WEBHOOK_POLL_INTERVAL_MS: '250',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_BATCH_SIZE: '3',
      WEBHOOK_RETRY_BASE_MS: '1000',
      WEBHOOK_RETRY_MAX_DELAY_MS: '60000',
      WEBHOOK_RETRY_HORIZON: '2h',
      WEBHOOK_DELIVERY_RETENTION: '7d',
      WEBHOOK_MAX_PER_GRAPH: '5',
      WEBHOOK_MAX_CHANGES: '50',
      WEBHOOK_ALLOWED_HOSTS: 'hooks.slack.com, *.example.com',
      ROUTING_URL_MAX_LENGTH: '500',
    });
    expect(config.webhooks).toEqual({
      pollIntervalMs: 250,
      timeoutMs: 2000,
      batchSize: 3,
      retry: { baseDelayMs: 1000, maxDelayMs: 60_000, horizonMs: 2 * 3_600_000 },
      deliveryRetentionMs: 7 * 86_400_000,
      maxPerGraph: 5,
      maxChanges: 50,
      urls: { maxLength: 500, allowedHosts: ['hooks.slack.com', '*.example.com'], allowLinkLocal: false },
    });
    expect(() => loadConfig({ WEBHOOK_RETRY_HORIZON: 'a day' })).toThrow(/WEBHOOK_RETRY_HORIZON/);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: '0' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://x/' })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it('reads the composition workers, time limit, cache and schema size limits', () => {
    const config = loadConfig({
      COMPOSITION_WORKERS: '0',
      COMPOSITION_TIMEOUT_MS: '250',
      COMPOSITION_CACHE_BYTES: '0',
      COMPOSITION_SUBGRAPH_CACHE_BYTES: '0',
      MAX_SCHEMA_TYPES: '100',
      MAX_SCHEMA_FIELDS: '1000',
      MAX_SCHEMA_DEPTH: '8',
    });
    expect(config.composition).toEqual({
      workers: 0,
      timeoutMs: 250,
      cacheBytes: 0,
      subgraphCacheBytes: 0,
      limits: { maxTypes: 100, maxFields: 1000, maxDepth: 8 },
    });
    expect(() => loadConfig({ COMPOSITION_TIMEOUT_MS: '0' })).toThrow(/COMPOSITION_TIMEOUT_MS/);
    expect(() => loadConfig({ COMPOSITION_WORKERS: '-1' })).toThrow(/COMPOSITION_WORKERS/);
    // Past a thousand levels the parser and federation's recursive walks near the stack's end; the limit is a guard.
    expect(() => loadConfig({ MAX_SCHEMA_DEPTH: '5000' })).toThrow(/MAX_SCHEMA_DEPTH/);
  });

  it('reads the routing URL policy, and refuses host patterns that are not hosts', () => {
    const config = loadConfig({
      ROUTING_URL_MAX_LENGTH: '512',
      ROUTING_URL_ALLOWED_HOSTS: ' orders.internal , *.svc.cluster.local,',
      ROUTING_URL_ALLOW_LINK_LOCAL: 'true',
    });
    expect(config.routingUrls).toEqual({
      maxLength: 512,
      allowedHosts: ['orders.internal', '*.svc.cluster.local'],
      allowLinkLocal: true,
    });
    expect(() => loadConfig({ ROUTING_URL_ALLOWED_HOSTS: 'http://orders.internal/' })).toThrow(
      /ROUTING_URL_ALLOWED_HOSTS.*host patterns look like/,
    );
    expect(() => loadConfig({ ROUTING_URL_ALLOW_LINK_LOCAL: 'yes' })).toThrow(/ROUTING_URL_ALLOW_LINK_LOCAL/);
  });

  it('reads the usage retention and the usage-aware check thresholds', () => {
    const config = loadConfig({
      USAGE_RETENTION_DAYS: '30',
      CHECK_USAGE_WINDOW: '14d',
      CHECK_USAGE_MIN_REQUESTS: '10',
      CHECK_USAGE_MIN_PERCENT: '0.5',
    });
    expect(config.usage).toMatchObject({ retentionDays: 30 });
    expect(config.checks).toMatchObject({ usageWindow: '14d', minRequests: 10, minPercent: 0.5, allowNoUsage: false });
  });

  it("reads the cost-regression check settings, whose defaults are the gateway's", () => {
    expect(loadConfig({}).checks?.cost).toEqual({
      increasePercent: 50,
      maxCost: CostDefaults.maxCost,
      defaultListSize: CostDefaults.defaultListSize,
      maxOperations: 500,
    });
    const config = loadConfig({
      CHECK_COST_INCREASE_PERCENT: '20',
      CHECK_COST_MAX_COST: '5000',
      CHECK_COST_DEFAULT_LIST_SIZE: '10',
      CHECK_COST_MAX_OPERATIONS: '50',
    });
    expect(config.checks?.cost).toEqual({ increasePercent: 20, maxCost: 5000, defaultListSize: 10, maxOperations: 50 });
    expect(() => loadConfig({ CHECK_COST_MAX_COST: '0', CHECK_COST_MAX_OPERATIONS: '-1' })).toThrow(
      /CHECK_COST_MAX_COST[\s\S]*CHECK_COST_MAX_OPERATIONS/,
    );
  });

  it('reads the usage report limits, and refuses accepting reports older than their ids are remembered', () => {
    const config = loadConfig({
      USAGE_MAX_CLOCK_SKEW: '1m',
      USAGE_MAX_REPORT_AGE: '24h',
      USAGE_REPORT_ID_RETENTION: '3d',
      USAGE_MAX_COUNT_PER_ENTRY: '1000000',
      USAGE_FOLD_INTERVAL_MS: '2000',
      USAGE_FOLD_DELAY_MS: '0',
      USAGE_FOLD_BATCH_REPORTS: '50',
      USAGE_INBOX_MAX_REPORTS: '1000',
    });
    expect(config.usage).toEqual({
      retentionDays: 90,
      maxClockSkewMs: 60_000,
      maxReportAgeMs: 24 * 3_600_000,
      reportIdRetentionMs: 3 * 86_400_000,
      maxCountPerEntry: 1_000_000,
      foldIntervalMs: 2_000,
      foldDelayMs: 0,
      foldBatchReports: 50,
      maxPendingReports: 1_000,
    });
    expect(() => loadConfig({ USAGE_MAX_REPORT_AGE: '72h' })).toThrow(
      expect.objectContaining({
        issues: [expect.stringMatching(/^USAGE_MAX_REPORT_AGE: must be at most USAGE_REPORT_ID_RETENTION \(48h\)/)],
      }),
    );
    expect(() => loadConfig({ USAGE_MAX_CLOCK_SKEW: '5 minutes', USAGE_MAX_COUNT_PER_ENTRY: '0' })).toThrow(
      expect.objectContaining({
        issues: [
          expect.stringMatching(/^USAGE_MAX_CLOCK_SKEW: must be a duration/),
          expect.stringMatching(/^USAGE_MAX_COUNT_PER_ENTRY: /),
        ],
      }),
    );
  });

  it('refuses a check window that is not a duration and a percentage above 100', () => {
    expect(() =>
      loadConfig({ CHECK_USAGE_WINDOW: 'a week', CHECK_USAGE_MIN_PERCENT: '120', USAGE_RETENTION_DAYS: '0' }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.stringMatching(/^USAGE_RETENTION_DAYS: /),
          expect.stringMatching(/^CHECK_USAGE_WINDOW: must be a duration/),
          expect.stringMatching(/^CHECK_USAGE_MIN_PERCENT: /),
        ],
      }),
    );
  });

  it('uses PostgreSQL when DATABASE_URL is set, and reads the limits', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      MAX_SDL_BYTES: '1000',
      MAX_BODY_BYTES: '2000',
      SWITCHYARD_ADMIN_TOKEN: 'a-long-enough-admin-token',
    });
    expect(config.database).toEqual({ url: 'postgres://root@127.0.0.1:5432/test', workMem: '32MB' });
    expect(loadConfig({ DATABASE_WORK_MEM: '64MB' }).database.workMem).toBe('64MB');
    expect(() => loadConfig({ DATABASE_WORK_MEM: '64MB; drop table x' })).toThrow(/DATABASE_WORK_MEM/);
    expect(config.limits).toEqual({ maxSdlBytes: 1000, maxBodyBytes: 2000 });
    expect(config.adminToken).toBe('a-long-enough-admin-token');
  });

  it('lets overrides win over the environment and treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '5000', HOST: '' }, { port: 4200 })).toMatchObject({ port: 4200, host: '0.0.0.0' });
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', MAX_SDL_BYTES: '-1', LOG_LEVEL: 'loud', SWITCHYARD_ADMIN_TOKEN: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'MAX_SDL_BYTES',
      'PORT',
      'SWITCHYARD_ADMIN_TOKEN',
    ]);
  });
});

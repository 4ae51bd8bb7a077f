import { z } from 'zod';
import type { ApiLimits } from '../api/limits/checkApiLimits';
import type { CompositionSettings } from '../composition/createComposer';
import type { DocumentLimits } from '../documents/documentLimits';
import { ConfigError } from '../errors';
import type { RoutingUrlPolicy } from '../input/routingUrlPolicy';
import type { CheckUsageDefaults } from '../publishing/usageAwareChecks';
import type { WebhookSettings } from '../webhooks/webhookSettings';
import { apiEnv, toApiLimits } from './apiSettings';
import { checkEnv, toCheckDefaults } from './checkSettings';
import { compositionEnv, toCompositionSettings } from './compositionSettings';
import { publishEnv, toDocumentLimits, toRoutingUrlPolicy } from './publishSettings';
import { type ServerSettings, serverEnv, toServerSettings } from './serverSettings';
import { toUsageSettings, type UsageSettings, usageEnv } from './usageSettings';
import { toWebhookSettings, webhookEnv } from './webhookSettings';

/** Every setting, one group after the other; each group's file documents its variables and their defaults. */
const Env = z.object({
  ...serverEnv.shape,
  ...compositionEnv.shape,
  ...apiEnv.shape,
  ...usageEnv.shape,
  ...checkEnv.shape,
  ...publishEnv.shape,
  ...webhookEnv.shape,
});

/** The name of every setting `loadConfig` reads (environment variables), for manifests to be checked against. */
export const registrySettingNames: readonly string[] = Object.keys(Env.shape);

/** The registry's settings, parsed once by `loadConfig` and passed down explicitly. */
export interface RegistryConfig extends ServerSettings {
  /** Limits on GraphQL API requests; hand-built configs may omit them (`defaultApiLimits`). */
  apiLimits?: ApiLimits;
  /** Usage storage; `loadConfig` always sets it, hand-built configs may omit it (retention 90 days). */
  usage?: UsageSettings;
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
  return {
    ...toServerSettings(parsed),
    apiLimits: toApiLimits(parsed),
    usage: toUsageSettings(parsed),
    checks: toCheckDefaults(parsed),
    routingUrls: toRoutingUrlPolicy(parsed),
    documents: toDocumentLimits(parsed),
    webhooks: toWebhookSettings(parsed),
    composition: toCompositionSettings(parsed),
  };
}

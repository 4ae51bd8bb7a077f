import { ACCOUNTS_PORT } from '@switchyard/accounts';
import { CATALOG_PORT } from '@switchyard/catalog';
import { GatewayProbePaths } from '@switchyard/gateway';
import { Env as GatewayEnv, loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { loadOrdersConfig, ORDERS_PORT, ordersSettingNames } from '@switchyard/orders';
import { loadConfig as loadRegistryConfig, RegistryProbePaths, registrySettingNames } from '@switchyard/registry';
import { loadSubgraphConfig, SubgraphProbePaths, subgraphSettingNames } from '@switchyard/subgraph-kit';
import { SUPPLIERS_PORT } from '@switchyard/suppliers';

type Env = Record<string, string | undefined>;

/** What a deployment manifest must agree with about one service, taken from the service's own code. */
export interface ServiceModel {
  /** The image's name after the repository (`switchyard/<image>`), and the workspace package it is built from. */
  image: string;
  packageDir: string;
  packageName: string;
  /** Every setting its typed config reads. */
  settings: readonly string[];
  /** A prefix that scopes a setting to this service (`ORDERS_PORT`), for the subgraphs. */
  prefix?: string;
  /** Its config loaded from `env`: throws the service's `ConfigError` for a bad or missing setting. Returns its port. */
  load(env: Env): { port: number };
  probes: { readonly health: string; readonly ready: string };
  /** Settings that hold credentials: in manifests they come from a Secret (or a key file), never a literal. */
  secretSettings: readonly string[];
  /**
   * Settings a deployment of several replicas must set although the service starts without them: shared state
   * (DATABASE_URL, REDIS_URL), trust between services (keys), and where it reaches the others.
   */
  deploymentSettings: readonly string[];
}

const subgraph = (name: string, defaultPort: number): ServiceModel => ({
  image: name,
  packageDir: `subgraphs/${name}`,
  packageName: `@switchyard/${name}`,
  settings: subgraphSettingNames,
  prefix: `${name.toUpperCase()}_`,
  load: (env) => loadSubgraphConfig(name, defaultPort, env),
  probes: SubgraphProbePaths,
  secretSettings: ['DATABASE_URL'],
  // HOST: a subgraph binds 127.0.0.1 unless told, which no gateway in another container or pod can reach.
  deploymentSettings: ['HOST', 'DATABASE_URL', 'SUBGRAPH_IDENTITY_KEY', 'SUBGRAPH_SERVICE_KEYS'],
});

/** The services deploy/ runs, by the name of their image. */
export const serviceModels: Record<string, ServiceModel> = {
  gateway: {
    image: 'gateway',
    packageDir: 'gateway',
    packageName: '@switchyard/gateway',
    settings: Object.keys(GatewayEnv.shape),
    load: (env) => loadGatewayConfig(env).server,
    probes: GatewayProbePaths,
    secretSettings: ['API_KEYS', 'JWT_SECRET', 'REGISTRY_TOKEN', 'USAGE_TOKEN', 'SUBGRAPH_SIGNING_KEY', 'REDIS_URL'],
    deploymentSettings: ['REGISTRY_URL', 'GRAPH', 'REGISTRY_TOKEN', 'REDIS_URL', 'SUBGRAPH_SIGNING_KEY'],
  },
  registry: {
    image: 'registry',
    packageDir: 'registry',
    packageName: '@switchyard/registry',
    settings: registrySettingNames,
    load: (env) => loadRegistryConfig(env),
    probes: RegistryProbePaths,
    secretSettings: ['DATABASE_URL', 'SWITCHYARD_ADMIN_TOKEN'],
    deploymentSettings: ['DATABASE_URL', 'SWITCHYARD_ADMIN_TOKEN', 'ROUTING_URL_ALLOWED_HOSTS'],
  },
  accounts: subgraph('accounts', ACCOUNTS_PORT),
  catalog: subgraph('catalog', CATALOG_PORT),
  suppliers: subgraph('suppliers', SUPPLIERS_PORT),
  orders: {
    ...subgraph('orders', ORDERS_PORT),
    settings: ordersSettingNames,
    load: (env) => loadOrdersConfig(env),
    secretSettings: ['DATABASE_URL', 'SERVICE_SIGNING_KEY'],
    deploymentSettings: [
      ...subgraph('orders', ORDERS_PORT).deploymentSettings,
      'SERVICE_SIGNING_KEY',
      'CATALOG_URL',
      'SUPPLIERS_URL',
    ],
  },
};

/** `name` as the setting it sets for `model`: itself, or without the service's prefix. */
export function settingOf(model: ServiceModel, name: string): string | undefined {
  if (model.settings.includes(name)) return name;
  if (model.prefix && name.startsWith(model.prefix) && model.settings.includes(name.slice(model.prefix.length)))
    return name.slice(model.prefix.length);
  return undefined;
}

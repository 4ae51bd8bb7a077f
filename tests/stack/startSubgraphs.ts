import { createAccountsSubgraph } from '@switchyard/accounts';
import { createCatalogSubgraph } from '@switchyard/catalog';
import { createOrdersSubgraph, loadOrdersConfig } from '@switchyard/orders';
import { loadSubgraphConfig } from '@switchyard/subgraph-kit';
import { createTestStorage } from '@switchyard/subgraph-kit/testing';
import { createSuppliersSubgraph } from '@switchyard/suppliers';
import { generateStackIdentity, type StackIdentity } from './stackIdentity';

/** What the stack needs of a running subgraph, whatever its tables. */
interface Running {
  url: string;
  database: { statements: { count: number; reset(): void } };
  close(): Promise<void>;
}

export interface RunningSubgraphs {
  byName: Record<'accounts' | 'catalog' | 'suppliers' | 'orders', Running>;
  urls: Record<string, string>;
  /** The keys the subgraphs trust; a gateway in front of them needs `identity.gatewayEnv`. */
  identity: StackIdentity;
  /** SQL statements all four subgraphs ran since the last `resetStatements()`. */
  statementCount(): number;
  resetStatements(): void;
  close(): Promise<void>;
}

export interface StartSubgraphsOptions {
  /** PostgreSQL to use (a fresh database is created and dropped); PGlite in a temp dir when unset. */
  databaseUrl?: string;
  seedScale?: number;
  /** Extra settings for every subgraph, e.g. `SUBGRAPH_TRUST_UNSIGNED_IDENTITY`. */
  env?: Record<string, string>;
  /** The keys to trust. Default: fresh ones (see `generateStackIdentity`). */
  identity?: StackIdentity;
}

/** Starts the four domain subgraphs in-process on free ports, seeded small, on PGlite or a fresh PostgreSQL. */
export async function startSubgraphs(options: StartSubgraphsOptions = {}): Promise<RunningSubgraphs> {
  const identity = options.identity ?? generateStackIdentity();
  const env: Record<string, string> = {
    SEED_SCALE: String(options.seedScale ?? 0.05),
    LOG_LEVEL: 'silent',
    ...identity.subgraphEnv,
    ...options.env,
  };
  const storage = await createTestStorage({ name: 'stack', url: options.databaseUrl }, 'switchyard-stack');
  Object.assign(env, storage.env);
  const cleanup = storage.cleanup;
  const config = (name: string) => loadSubgraphConfig(name, 0, env);
  // Catalog and suppliers first: orders validates new orders against them.
  const [accounts, catalog, suppliers] = await Promise.all([
    createAccountsSubgraph(config('accounts')),
    createCatalogSubgraph(config('catalog')),
    createSuppliersSubgraph(config('suppliers')),
  ]);
  const urls: Record<string, string> = {};
  urls.accounts = await accounts.listen(0);
  urls.catalog = await catalog.listen(0);
  urls.suppliers = await suppliers.listen(0);
  const orders = await createOrdersSubgraph(
    loadOrdersConfig({ ...env, ...identity.ordersEnv, CATALOG_URL: urls.catalog, SUPPLIERS_URL: urls.suppliers }, 0),
  );
  urls.orders = await orders.listen(0);
  const byName: RunningSubgraphs['byName'] = { accounts, catalog, suppliers, orders };
  const all = Object.values(byName);
  return {
    byName,
    urls,
    identity,
    statementCount: () => all.reduce((sum, s) => sum + s.database.statements.count, 0),
    resetStatements: () => {
      for (const s of all) s.database.statements.reset();
    },
    async close() {
      await Promise.all(all.map((s) => s.close()));
      await cleanup();
    },
  };
}

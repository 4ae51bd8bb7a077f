/**
 * Child process of the gateway benchmark: the four domain subgraphs seeded at SEED_SCALE (default 0.2) on PGlite
 * in a temp dir (or a fresh PostgreSQL database when BENCH_DATABASE_URL is set), trusting the keys of
 * SUBGRAPH_IDENTITY_KEY, SUBGRAPH_SERVICE_KEYS and SERVICE_SIGNING_KEY (orders). Prints the
 * ready line with their URLs and closes them on SIGTERM.
 */
import { startSubgraphs } from '../../stack/startSubgraphs';
import { announceReady } from './readyLine';

const subgraphs = await startSubgraphs({
  seedScale: Number(process.env.SEED_SCALE ?? 0.2),
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  identity: {
    gatewayEnv: {},
    subgraphEnv: {
      SUBGRAPH_IDENTITY_KEY: process.env.SUBGRAPH_IDENTITY_KEY ?? '',
      SUBGRAPH_SERVICE_KEYS: process.env.SUBGRAPH_SERVICE_KEYS ?? '',
    },
    ordersEnv: { SERVICE_SIGNING_KEY: process.env.SERVICE_SIGNING_KEY ?? '' },
  },
});
announceReady(subgraphs.urls);

process.once('SIGTERM', () => {
  subgraphs.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});

/**
 * Child process of the gateway benchmark: the four domain subgraphs seeded at SEED_SCALE (default 0.2) on PGlite
 * in a temp dir (or a fresh PostgreSQL database when BENCH_DATABASE_URL is set), with SUBGRAPH_SECRET. Prints the
 * ready line with their URLs and closes them on SIGTERM.
 */
import { startSubgraphs } from '../../stack/startSubgraphs';
import { announceReady } from './readyLine';

const subgraphs = await startSubgraphs({
  seedScale: Number(process.env.SEED_SCALE ?? 0.2),
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  env: process.env.SUBGRAPH_SECRET ? { SUBGRAPH_SECRET: process.env.SUBGRAPH_SECRET } : {},
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

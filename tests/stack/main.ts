import { fileURLToPath } from 'node:url';
import { type ServiceProcess, startProcess, stopAll, waitUntilHealthy } from './processes';

/**
 * `npm start`: runs the whole stack on the embedded default — the four subgraphs (each on its own PGlite under
 * `.switchyard/`, created, migrated and seeded on first start) and the gateway over `schemas/supergraph.graphql` —
 * waits until every service is healthy, prints the endpoint, and stops every child cleanly on Ctrl-C.
 * `DATABASE_URL` switches every subgraph to PostgreSQL.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
process.chdir(root);

const subgraphs = [
  { name: 'accounts', port: 4001 },
  { name: 'catalog', port: 4002 },
  { name: 'suppliers', port: 4003 },
  { name: 'orders', port: 4004 },
];
const gatewayPort = Number(process.env.PORT ?? 4000);
const tsx = ['--import', 'tsx'];
const services: ServiceProcess[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping the stack…');
    await stopAll(services);
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main(): Promise<void> {
  const started = Date.now();
  const subgraphProcesses = subgraphs.map(({ name, port }, index) => {
    const service = startProcess(name, [...tsx, `subgraphs/${name}/src/main.ts`], { PORT: String(port) }, index);
    services.push(service);
    return { service, port };
  });
  await Promise.all(
    subgraphProcesses.map(({ service, port }) => waitUntilHealthy(service, `http://127.0.0.1:${port}/health`, 180_000)),
  );
  const gateway = startProcess(
    'gateway',
    ['gateway/bin/switchyard-gateway.js', '--supergraph', 'schemas/supergraph.graphql', '--port', String(gatewayPort)],
    {},
    subgraphs.length,
  );
  services.push(gateway);
  await waitUntilHealthy(gateway, `http://127.0.0.1:${gatewayPort}/ready`, 60_000);
  for (const service of services) {
    void service.exited.then((code) => {
      if (!stopping) {
        console.error(`${service.name} exited unexpectedly (code ${code}); stopping the stack`);
        void stop(1);
      }
    });
  }
  const endpoint = `http://127.0.0.1:${gatewayPort}/graphql`;
  console.log(`
Switchyard is up in ${((Date.now() - started) / 1000).toFixed(1)} s.
  GraphQL endpoint: ${endpoint}
  Try: curl -s ${endpoint} -H 'content-type: application/json' \\
         -d '{"query":"{ clinic(id: \\"clinic_0001\\") { name orders(first: 2) { edges { node { status lines { quantity supply { name bestOffer { unitPrice { formatted } } } } } } } } }"}'
Press Ctrl-C to stop.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});

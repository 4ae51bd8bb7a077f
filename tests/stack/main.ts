import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decidePublish, type ServedSubgraph } from './decidePublish';
import { type DevTokens, devApiKeyEntry, ensureDevApiKey, readDevTokens, writeDevTokens } from './devTokens';
import { type ServiceProcess, startProcess, stopAll, waitUntilHealthy } from './processes';
import { runSwitchyardCli } from './runCli';
import { serviceCommands } from './serviceCommands';
import { ensureStackIdentity } from './stackIdentity';

/**
 * `npm start`: the whole stack on the embedded default. The registry starts first; the four subgraphs start beside
 * it (each on its own PGlite under `.switchyard/`, created, migrated and seeded on first start); their checked-in
 * schemas are published to the registry with the `switchyard` CLI where the registry does not serve them already,
 * and never over a newer version they would break; then the gateway starts in registry mode and
 * follows every new supergraph version. Ctrl-C stops every child cleanly. `DATABASE_URL` switches every service to
 * PostgreSQL. The gateway's and orders' key pairs are generated under `.switchyard/keys/` on first run: the gateway
 * signs each subgraph fetch, orders signs its own calls, and every subgraph trusts those two keys only. Every
 * service binds 127.0.0.1 unless `HOST` says otherwise.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
process.chdir(root);

const GRAPH = 'switchyard';
const VARIANT = 'prod';
const registryPort = Number(process.env.REGISTRY_PORT ?? 4100);
const gatewayPort = Number(process.env.PORT ?? 4000);
const registryUrl = `http://127.0.0.1:${registryPort}`;
// Published in this order: on an empty variant, suppliers composes only once orders is there (its only mutation,
// takeStock, is @inaccessible, and a Mutation type without an API field does not compose).
const subgraphs = [
  { name: 'accounts', port: 4001 },
  { name: 'catalog', port: 4002 },
  { name: 'orders', port: 4004 },
  { name: 'suppliers', port: 4003 },
];
const tokensFile = '.switchyard/dev-tokens.json';
const keysDir = '.switchyard/keys';
const host = process.env.HOST || '127.0.0.1';
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

async function cli(args: string[], token: string): Promise<string> {
  const result = await runSwitchyardCli([...args, '--registry', registryUrl, '--graph', GRAPH, '--variant', VARIANT], {
    SWITCHYARD_TOKEN: token,
  });
  if (result.code !== 0)
    throw new Error(`switchyard ${args.slice(0, 2).join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Publishes each checked-in subgraph the registry does not serve as it is, printing what changed; never one whose
 * checked-in SDL would break what the registry holds (a newer version published since), which it names and leaves.
 */
async function publishChanged(adminToken: string): Promise<void> {
  const served = JSON.parse(await cli(['subgraph', 'list', '--format', 'json'], adminToken)) as ServedSubgraph[];
  for (const { name, port } of subgraphs) {
    const schema = `schemas/${name}.graphql`;
    const url = `http://127.0.0.1:${port}/graphql`;
    const sdl = readFileSync(schema, 'utf8');
    const current = served.find((subgraph) => subgraph.name === name);
    let check: Parameters<typeof decidePublish>[0]['check'];
    if (current?.latest) {
      const result = await runSwitchyardCli(
        [
          ...['subgraph', 'check', '--name', name, '--schema', schema, '--url', url, '--format', 'json'],
          ...['--allow-no-usage', '--registry', registryUrl, '--graph', GRAPH, '--variant', VARIANT],
        ],
        { SWITCHYARD_TOKEN: adminToken },
      );
      if (result.code === 2) throw new Error(`switchyard subgraph check failed:\n${result.stderr || result.stdout}`);
      check = JSON.parse(result.stdout);
    }
    const decision = decidePublish({ sdl, url, served: current, check });
    if (decision.kind === 'up-to-date') {
      console.log(`publish  │ ${name}: up to date`);
      continue;
    }
    if (decision.kind === 'keep') {
      console.log(
        `publish  │ ${name}: left as the registry has it: the checked-in ${schema} would break it (${decision.breaking.join('; ')}). Publish it by hand if that is meant.`,
      );
      continue;
    }
    const output = await cli(
      ['subgraph', 'publish', '--name', name, '--schema', schema, '--url', url, '--create'],
      adminToken,
    );
    for (const line of output.trimEnd().split('\n')) console.log(`publish  │ ${name}: ${line}`);
  }
}

/** Creates the gateway's READ and REPORT tokens once; later starts reuse them. */
async function gatewayTokens(tokens: DevTokens): Promise<DevTokens & { gatewayRead: string; gatewayReport: string }> {
  const create = async (name: string, scope: string) => {
    const output = JSON.parse(
      await cli(['token', 'create', '--name', name, '--scope', scope, '--format', 'json'], tokens.admin),
    );
    return String(output.token);
  };
  const gatewayRead = tokens.gatewayRead ?? (await create('gateway (npm start)', 'READ'));
  const gatewayReport = tokens.gatewayReport ?? (await create('gateway usage (npm start)', 'REPORT'));
  const all = { ...tokens, gatewayRead, gatewayReport };
  writeDevTokens(tokensFile, all);
  return all;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tokens = readDevTokens(tokensFile);
  const identity = ensureStackIdentity(keysDir);
  if (identity.created) console.log(`keys     │ generated the gateway's and orders' key pairs in ${keysDir}/`);
  const registry = startProcess(
    'registry',
    [...serviceCommands.switchyard, 'registry', 'serve', '--port', String(registryPort)],
    { SWITCHYARD_ADMIN_TOKEN: tokens.admin, HOST: host },
    0,
  );
  services.push(registry);
  const subgraphProcesses = subgraphs.map(({ name, port }, index) => {
    const env = {
      PORT: String(port),
      HOST: host,
      ...identity.subgraphEnv,
      ...(name === 'orders' ? identity.ordersEnv : {}),
    };
    const service = startProcess(name, serviceCommands.subgraph(name), env, index + 1);
    services.push(service);
    return { service, port };
  });
  await waitUntilHealthy(registry, `${registryUrl}/health`, 120_000);
  await publishChanged(tokens.admin);
  const { gatewayRead, gatewayReport } = await gatewayTokens(tokens);
  const devApiKey = ensureDevApiKey(tokensFile, tokens);
  await Promise.all(
    subgraphProcesses.map(({ service, port }) => waitUntilHealthy(service, `http://127.0.0.1:${port}/health`, 180_000)),
  );
  const gateway = startProcess(
    'gateway',
    [
      ...serviceCommands.gateway,
      ...['--registry', registryUrl, '--graph', GRAPH, '--variant', VARIANT, '--port', String(gatewayPort)],
    ],
    {
      REGISTRY_TOKEN: gatewayRead,
      USAGE_TOKEN: gatewayReport,
      HOST: host,
      API_KEYS: JSON.stringify([devApiKeyEntry(devApiKey)]),
      ...identity.gatewayEnv,
    },
    subgraphs.length + 1,
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
  Registry:         ${registryUrl}  (graph "${GRAPH}", variant "${VARIANT}"; admin token in ${tokensFile})
  Try: curl -s ${endpoint} -H 'content-type: application/json' \\
         -d '{"query":"{ clinic(id: \\"clinic_0001\\") { name orders(first: 2) { edges { node { status lines { quantity supply { name bestOffer { unitPrice { formatted } } } } } } } } }"}'
  As the development caller (user_00001, admin of clinic_0001, scopes orders:read and orders:write; key in ${tokensFile}):
       curl -s ${endpoint} -H 'content-type: application/json' -H 'x-api-key: ${devApiKey}' \\
         -d '{"query":"{ me { name email role clinic { name } } }"}'
  GraphiQL: open ${endpoint} in a browser; as the development caller, add "x-api-key": "${devApiKey}" under Headers.
  Publish a changed subgraph: npm run schemas && npx switchyard subgraph publish --registry ${registryUrl} \\
         --graph ${GRAPH} --name catalog --schema schemas/catalog.graphql --url http://127.0.0.1:4002/graphql --token <admin token>
Press Ctrl-C to stop.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});

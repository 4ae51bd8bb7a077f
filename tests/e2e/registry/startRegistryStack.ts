import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, loadConfig, type Registry } from '@switchyard/registry';
import { composeOurSupergraph } from '@switchyard/schemas';
import { createFreshDatabase } from '@switchyard/subgraph-kit/testing';
import { type CliResult, runSwitchyardCli } from '../../stack/runCli';
import { type RunningSubgraphs, startSubgraphs } from '../../stack/startSubgraphs';
import { createRegistryClient } from '../page/registryClient';
import { type PortForwarder, startPortForwarder } from './startPortForwarder';
import { type RegistryGateway, startRegistryGateway } from './startRegistryGateway';

const adminToken = 'admin-token-for-the-registry-gateway-test';

/** The four subgraphs, published to a registry that can be stopped and started again on the same port. */
export interface RegistryStack {
  graph: string;
  variant: string;
  /** Where clients reach the registry; stays the same across `stopRegistry` and `startRegistryAgain`. */
  registryUrl: string;
  subgraphs: RunningSubgraphs;
  /** Each subgraph's SDL as first published (printed from its Pothos builder). */
  sdlOf(subgraph: string): string;
  /** Publishes `sdl` for `subgraph` (at its running URL) with `switchyard subgraph publish`, as an admin. */
  publishWithCli(subgraph: string, sdl: string): Promise<CliResult>;
  /** The `X-Switchyard-Version` of the supergraph the registry serves now. */
  servedVersion(): Promise<number>;
  /** Requests for the served supergraph that reached `registryUrl` so far: gateway polls, and `servedVersion`'s. */
  supergraphRequests(): number;
  /** Starts a gateway following this registry, with its supergraph cache at `cachePath` (default: a new temp file). */
  startGateway(cachePath?: string): Promise<RegistryGateway>;
  /** A fresh path for a gateway's supergraph cache, removed on close. */
  newCachePath(): string;
  stopRegistry(): Promise<void>;
  /** Starts the registry again over the same database, reachable at the same `registryUrl`. */
  startRegistryAgain(): Promise<void>;
  /** Stops every gateway started here, the registry and the subgraphs, and removes their data. */
  close(): Promise<void>;
}

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) { status message }
  }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

/**
 * Starts the subgraphs and a registry on `databaseUrl` (a fresh PostgreSQL database, dropped on close) or on
 * PGlite in a temp directory, so the registry keeps its versions when it is stopped and started again; publishes
 * the four subgraphs through the registry's API and creates the READ token gateways poll with.
 */
export async function startRegistryStack(options: { databaseUrl?: string } = {}): Promise<RegistryStack> {
  const graph = 'shop';
  const variant = 'prod';
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-registry-gateway-'));
  const gateways: RegistryGateway[] = [];
  let registryDatabase: { url: string; drop(): Promise<void> } | undefined;
  let subgraphs: RunningSubgraphs | undefined;
  let registry: Registry | undefined;
  let forwarder: PortForwarder | undefined;
  let cacheCount = 0;
  const newCachePath = () => {
    cacheCount += 1;
    return join(dir, `gateway-${cacheCount}`, 'supergraph.graphql');
  };

  const cleanUp = async () => {
    for (const running of gateways) await running.close();
    await forwarder?.close();
    await registry?.close();
    registry = undefined;
    await subgraphs?.close();
    await registryDatabase?.drop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    registryDatabase = options.databaseUrl ? await createFreshDatabase(options.databaseUrl) : undefined;
    const storage = registryDatabase ? { DATABASE_URL: registryDatabase.url } : { DATA_DIR: join(dir, 'registry') };
    const openRegistry = () =>
      createRegistry(
        loadConfig({ HOST: '127.0.0.1', ...storage, SWITCHYARD_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'silent' }),
      );
    const [startedSubgraphs, startedRegistry] = await Promise.all([
      startSubgraphs({ databaseUrl: options.databaseUrl }),
      openRegistry(),
    ]);
    subgraphs = startedSubgraphs;
    registry = startedRegistry;
    // Clients reach the registry through a forwarder, whose port outlives each registry behind it.
    forwarder = await startPortForwarder(Number(new URL(await registry.listen(0)).port));
    const registryUrl = `http://127.0.0.1:${forwarder.port}`;
    const forwarding = forwarder;

    const admin = createRegistryClient(registryUrl, adminToken);
    const printed = composeOurSupergraph(subgraphs.urls).subgraphs;
    for (const subgraph of printed) {
      const { publishSubgraph } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(
        PUBLISH,
        {
          input: {
            graph,
            variant,
            subgraph: subgraph.name,
            url: subgraph.url,
            sdl: subgraph.sdl,
            author: 'e2e',
            create: true,
          },
        },
      );
      if (publishSubgraph.status !== 'PUBLISHED') {
        throw new Error(`publishing ${subgraph.name} failed: ${publishSubgraph.message}`);
      }
    }
    const { createToken } = await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, {
      input: { name: 'gateway', scope: 'READ', graph },
    });
    const readToken = createToken.token;
    const running = subgraphs;

    return {
      graph,
      variant,
      registryUrl,
      subgraphs: running,
      sdlOf(name) {
        const subgraph = printed.find((candidate) => candidate.name === name);
        if (!subgraph) throw new Error(`no subgraph named ${name}`);
        return subgraph.sdl;
      },
      async publishWithCli(name, sdl) {
        const schema = join(dir, `${name}-${Date.now()}.graphql`);
        writeFileSync(schema, sdl);
        const url = running.urls[name];
        if (!url) throw new Error(`no subgraph named ${name}`);
        return runSwitchyardCli(
          ['subgraph', 'publish', '--name', name, '--schema', schema, '--url', url, '--author', 'e2e'],
          {
            SWITCHYARD_REGISTRY: registryUrl,
            SWITCHYARD_GRAPH: graph,
            SWITCHYARD_VARIANT: variant,
            SWITCHYARD_TOKEN: adminToken,
          },
        );
      },
      async servedVersion() {
        const response = await fetch(`${registryUrl}/v1/graphs/${graph}/variants/${variant}/supergraph`, {
          headers: { authorization: `Bearer ${readToken}` },
        });
        // Read the body to its end: a cancelled one can leave the registry's socket busy, and its close waiting.
        await response.text();
        const version = response.headers.get('x-switchyard-version');
        if (response.status !== 200 || version === null) {
          throw new Error(`the registry answered ${response.status} without a version`);
        }
        return Number(version);
      },
      supergraphRequests: () => forwarding.requestsOf(`/v1/graphs/${graph}/variants/${variant}/supergraph`),
      newCachePath,
      async startGateway(cachePath) {
        const started = await startRegistryGateway({
          registryUrl,
          graph,
          variant,
          token: readToken,
          cachePath: cachePath ?? newCachePath(),
        });
        gateways.push(started);
        return started;
      },
      async stopRegistry() {
        await forwarding.close();
        await registry?.close();
        registry = undefined;
      },
      async startRegistryAgain() {
        if (registry) throw new Error('the registry is already running');
        const restarted = await openRegistry();
        registry = restarted;
        await forwarding.open(Number(new URL(await restarted.listen(0)).port));
      },
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

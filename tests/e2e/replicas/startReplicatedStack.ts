import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { createRegistry, loadConfig as loadRegistryConfig, type Registry } from '@switchyard/registry';
import { composeOurSupergraph } from '@switchyard/schemas';
import { createFreshDatabase } from '@switchyard/subgraph-kit/testing';
import { type RunningSubgraphs, startSubgraphs } from '../../stack/startSubgraphs';
import { createRegistryClient, type RegistryClient } from '../page/registryClient';
import { type Balancer, startBalancer } from './startBalancer';

const adminToken = 'admin-token-for-the-replicas-e2e-test';

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message } }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

/** What a gateway answered one request. */
export interface GatewayAnswer {
  status: number;
  data?: unknown;
  errors?: { extensions?: { code?: string } }[];
  extensions?: { cost?: { requested?: number; actual?: number } };
}

/** Two registries on one PostgreSQL database behind a balancer, and three gateways on one Redis following it. */
export interface ReplicatedStack {
  graph: string;
  variant: string;
  subgraphs: RunningSubgraphs;
  /** Each registry replica's own URL, and its API as admin. */
  registries: { url: string; admin: RegistryClient }[];
  balancer: Balancer;
  gateways: Gateway[];
  /** API keys the gateways know, each its own client (and budget). */
  apiKeys: Record<'budget' | 'usage' | 'stream', { key: string; client: string }>;
  budget: { capacity: number; refillPerSecond: number };
  /** The SDL of each subgraph as first published. */
  sdlOf(subgraph: string): string;
  /** Publishes through one registry replica. */
  publish(replica: number, subgraph: string, sdl: string): Promise<{ status: string; message: string }>;
  /** Posts an operation to one gateway with an API key. */
  query(gateway: number, apiKey: string, query: string): Promise<GatewayAnswer>;
  /** Stops one registry replica (its port then refuses connections). */
  stopRegistry(replica: number): Promise<void>;
  /** Stops the gateways, which sends the usage they still hold. */
  closeGateways(): Promise<void>;
  close(): Promise<void>;
}

/** Whether Redis answers PING at `url`. */
export async function redisAnswers(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timed out');
    });
    socket.once('error', (error) => resolve(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG') ? undefined : `answered ${data.toString().trim()}`);
    });
  });
}

export async function startReplicatedStack(options: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<ReplicatedStack> {
  const graph = 'shop';
  const variant = 'prod';
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-replicas-'));
  const run = randomBytes(4).toString('hex');
  const apiKeys = {
    budget: { key: `budget-key-${run}-0123456789`, client: `budget-${run}` },
    usage: { key: `usage-key-${run}-0123456789`, client: `usage-${run}` },
    stream: { key: `stream-key-${run}-0123456789`, client: `stream-${run}` },
  };
  const budget = { capacity: 200, refillPerSecond: 1 };
  const registries: (Registry | undefined)[] = [];
  const gateways: Gateway[] = [];
  let gatewaysClosed = false;
  let subgraphs: RunningSubgraphs | undefined;
  let balancer: Balancer | undefined;
  const database = await createFreshDatabase(options.databaseUrl);

  const closeGateways = async () => {
    if (gatewaysClosed) return;
    gatewaysClosed = true;
    await Promise.all(gateways.map((gateway) => gateway.close()));
  };
  const close = async () => {
    await closeGateways();
    await balancer?.close();
    for (const registry of registries) await registry?.close();
    await subgraphs?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const registryConfig = () =>
      loadRegistryConfig({
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        SWITCHYARD_ADMIN_TOKEN: adminToken,
        LOG_LEVEL: 'silent',
      });
    subgraphs = await startSubgraphs({ databaseUrl: options.databaseUrl });
    // One after the other: both migrate the same database at start (an advisory lock makes that safe, either way).
    for (let replica = 0; replica < 2; replica++) registries.push(await createRegistry(registryConfig()));
    const urls = await Promise.all(registries.map((registry) => (registry as Registry).listen(0)));
    balancer = await startBalancer(urls);
    const admins = urls.map((url) => createRegistryClient(url, adminToken));
    const [firstAdmin] = admins;
    if (!firstAdmin) throw new Error('no registry');
    const printed = composeOurSupergraph(subgraphs.urls).subgraphs;
    const running = subgraphs;
    const publish = async (replica: number, name: string, sdl: string) => {
      const admin = admins[replica];
      if (!admin) throw new Error(`no registry replica ${replica}`);
      const { publishSubgraph } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(
        PUBLISH,
        { input: { graph, variant, subgraph: name, url: running.urls[name], sdl, author: 'replicas', create: true } },
      );
      return publishSubgraph;
    };
    for (const subgraph of printed) {
      const result = await publish(0, subgraph.name, subgraph.sdl);
      if (result.status !== 'PUBLISHED') throw new Error(`publishing ${subgraph.name} failed: ${result.message}`);
    }
    const token = async (name: string, scope: string) =>
      (await firstAdmin.request<{ createToken: { token: string } }>(CREATE_TOKEN, { input: { name, scope, graph } }))
        .createToken.token;
    const readToken = await token('gateways', 'READ');
    const reportToken = await token('gateways-usage', 'REPORT');
    const gatewayUrls: string[] = [];
    for (let index = 0; index < 3; index++) {
      const gateway = createGateway(
        loadGatewayConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          REGISTRY_URL: balancer.url,
          GRAPH: graph,
          VARIANT: variant,
          REGISTRY_TOKEN: readToken,
          USAGE_TOKEN: reportToken,
          POLL_INTERVAL_MS: '200',
          USAGE_REPORT_INTERVAL_MS: '200',
          SUPERGRAPH_CACHE: join(dir, `gateway-${index}`, 'supergraph.graphql'),
          REDIS_URL: options.redisUrl,
          BUDGET_CAPACITY: String(budget.capacity),
          BUDGET_REFILL_PER_SECOND: String(budget.refillPerSecond),
          MAX_QUERY_COST: String(budget.capacity),
          API_KEYS: JSON.stringify(Object.values(apiKeys)),
          SHUTDOWN_GRACE_MS: '5000',
          LOG_LEVEL: 'silent',
          ...running.identity.gatewayEnv,
        }),
      );
      gateways.push(gateway);
      gatewayUrls.push(await gateway.listen(0, '127.0.0.1'));
    }

    return {
      graph,
      variant,
      subgraphs: running,
      registries: urls.map((url, index) => ({ url, admin: admins[index] ?? firstAdmin })),
      balancer,
      gateways,
      apiKeys,
      budget,
      sdlOf(name) {
        const subgraph = printed.find((candidate) => candidate.name === name);
        if (!subgraph) throw new Error(`no subgraph named ${name}`);
        return subgraph.sdl;
      },
      publish,
      async query(gateway, apiKey, query) {
        const response = await fetch(gatewayUrls[gateway] ?? '', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, ...((await response.json()) as Omit<GatewayAnswer, 'status'>) };
      },
      async stopRegistry(replica) {
        const registry = registries[replica];
        registries[replica] = undefined;
        await registry?.close();
      },
      closeGateways,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { loadConfig } from '../../../gateway/src/config';
import { createGateway } from '../../../gateway/src/server';
import { autocannon } from '../autocannon';
import { fmt } from './format';

/** Two subgraphs on local ports and a gateway over them, with usage reporting on or off, under autocannon. */
export async function benchGateway() {
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
  const items = Array.from({ length: 10 }, (_, i) => ({ id: String(i), name: `item ${i}` }));
  const subgraphs = [
    {
      name: 'items',
      typeDefs: parse(
        `${link}\ntype Query { items(first: Int): [Item!]! }\ntype Item @key(fields: "id") { id: ID! name: String! }`,
      ),
      resolvers: { Query: { items: () => items } },
    },
    {
      name: 'prices',
      typeDefs: parse(`${link}\ntype Item @key(fields: "id") { id: ID! price: Int }`),
      resolvers: {
        Item: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, price: Number(ref.id) * 10 }) },
      },
    },
  ];
  const servers: { url: string; stop: () => Promise<void> }[] = [];
  for (const subgraph of subgraphs) {
    const server = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    servers.push({ url, stop: () => server.stop() });
  }
  const composed = composeServices(
    subgraphs.map((subgraph, i) => ({ name: subgraph.name, typeDefs: subgraph.typeDefs, url: servers[i]?.url ?? '' })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'usage-bench-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  let received = 0;
  const registry = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":{}}');
    });
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;

  const body = JSON.stringify({ query: 'query Items { items(first: 10) { id name price } }' });
  const run = async (usage: boolean) => {
    const config = loadConfig({
      SUPERGRAPH: supergraphPath,
      GRAPH: 'bench',
      USAGE_REGISTRY_URL: registryUrl,
      USAGE_REPORTING_ENABLED: String(usage),
      USAGE_REPORT_INTERVAL_MS: '1000',
      BUDGETS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
    });
    const gateway = createGateway(config);
    const url = await gateway.listen(0, '127.0.0.1');
    const result = await autocannon({
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollographql-client-name': 'bench',
        'apollographql-client-version': '1',
      },
      body,
      connections: 16,
      duration: Number(process.env.BENCH_GATEWAY_SECONDS ?? 8),
    });
    await gateway.close();
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`gateway answered ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  };
  const rounds = { off: [] as { rps: number; p99: number }[], on: [] as { rps: number; p99: number }[] };
  for (let round = 0; round < 3; round++) {
    rounds.off.push(await run(false));
    rounds.on.push(await run(true));
  }
  const best = (list: { rps: number; p99: number }[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const off = best(rounds.off);
  const on = best(rounds.on);
  console.log(
    `gateway (createGateway, 2 local subgraphs, 16 connections, best of 3): ${fmt(off.rps)} req/s p99 ${off.p99} ms without ` +
      `usage reporting, ${fmt(on.rps)} req/s p99 ${on.p99} ms with it (${fmt(((off.rps - on.rps) / off.rps) * 100)} % fewer); ` +
      `${received} reports received`,
  );
  await new Promise((resolve) => registry.close(resolve));
  for (const server of servers) await server.stop();
}

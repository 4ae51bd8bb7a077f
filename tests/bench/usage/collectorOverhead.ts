import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import pino from 'pino';
import { loadConfig } from '../../../gateway/src/config';
import type { GatewayContext } from '../../../gateway/src/context';
import { createMetrics } from '../../../gateway/src/metrics';
import { createRequestPipeline } from '../../../gateway/src/pipeline/requestPipeline';
import { createOperationAnalyzer } from '../../../gateway/src/plugins/usageReporting/analyzeOperation';
import { collectVariableCoordinates } from '../../../gateway/src/plugins/usageReporting/collectCoordinates';
import { UsageBuffer } from '../../../gateway/src/plugins/usageReporting/usageBuffer';
import { createUsageRecorder } from '../../../gateway/src/plugins/usageReporting/usageRecorder';
import { buildSupergraphModel } from '../../../gateway/src/supergraph/supergraphModel';
import { fmt, ms } from './format';

/** The usage collector's per-request cost: its hot path alone, then Apollo Server with and without the plugin. */
export async function benchCollector() {
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
  const composed = composeServices([
    {
      name: 'a',
      url: 'http://a.invalid',
      typeDefs: parse(
        `${link}\ntype Query { items(first: Int, filter: F): [Item!]! }\ninput F { color: Color }\nenum Color { RED BLUE }\ntype Item @key(fields: "id") { id: ID! name: String! }`,
      ),
    },
    {
      name: 'b',
      url: 'http://b.invalid',
      typeDefs: parse(`${link}\ntype Item @key(fields: "id") { id: ID! price: Int }`),
    },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const schema = composed.schema.toAPISchema().toGraphQLJSSchema();
  const supergraph = { id: 'bench', sdl: composed.supergraphSdl };
  const model = buildSupergraphModel(supergraph);
  const query = 'query Items($f: F) { items(first: 10, filter: $f) { id name price } }';
  const document = parse(query);

  // The hot path in isolation: cached analysis, variable walk, counter increments.
  const analyzer = createOperationAnalyzer(1000);
  const buffer = new UsageBuffer({ maxEntries: 5000, maxBytes: 8 * 1024 * 1024 });
  const iterations = 200_000;
  const variables = { f: { color: 'RED' } };
  let started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const analysis = analyzer.analyze({ model, schema, document, queryHash: 'h', operationName: 'Items' });
    if (!analysis) throw new Error('no analysis');
    const used = collectVariableCoordinates(analysis.variables, variables);
    buffer.record(analysis.meta, `client${i % 50}`, '1.0', 3, false, used);
  }
  const perRequestUs = (ms(started) * 1000) / iterations;
  console.log(
    `collector hot path: ${fmt(perRequestUs)} µs per request (cached analysis + variable walk + counters, ${iterations} requests)`,
  );

  // Apollo Server over the API schema with the gateway's request pipeline, recording usage or not.
  const run = async (withPlugin: boolean) => {
    const usage = createUsageRecorder({
      registryUrl: 'http://127.0.0.1:9',
      graph: 'g',
      variant: 'v',
      getSupergraph: () => supergraph,
      intervalMs: 3_600_000,
    });
    const pipeline = createRequestPipeline({
      config: loadConfig({ SUPERGRAPH: 'bench.graphql', BUDGETS_ENABLED: 'false' }),
      metrics: createMetrics(),
      logger: pino({ level: 'silent' }),
      getModel: () => model,
      usage: withPlugin ? usage : undefined,
    });
    const server = new ApolloServer<GatewayContext>({ schema, plugins: [pipeline] });
    await server.start();
    const contextValue: GatewayContext = {
      requestId: 'r',
      logger: pino({ level: 'silent' }),
      identity: null,
      client: { id: 'c', name: 'web', version: '1' },
      headers: {},
    };
    const count = 10_000;
    for (let i = 0; i < 2000; i++) await server.executeOperation({ query, variables }, { contextValue });
    started = performance.now();
    for (let i = 0; i < count; i++) await server.executeOperation({ query, variables }, { contextValue });
    const rate = count / (ms(started) / 1000);
    await usage.reporter.flush().catch(() => undefined);
    await server.stop();
    return rate;
  };
  // Alternating rounds, best of three each, so load from elsewhere on the machine hits both sides alike.
  const rates = { off: [] as number[], on: [] as number[] };
  for (let round = 0; round < 3; round++) {
    rates.off.push(await run(false));
    rates.on.push(await run(true));
  }
  const off = Math.max(...rates.off);
  const on = Math.max(...rates.on);
  console.log(
    `Apollo Server executeOperation (best of 3): ${fmt(off)} ops/s without usage reporting, ${fmt(on)} ops/s with it ` +
      `(${fmt(((off - on) / off) * 100)} % slower)`,
  );
}

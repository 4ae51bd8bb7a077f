import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from './executor/corpus';
import { type DifferentialPair, startDifferentialPair } from './executor/differentialHarness';
import { randomQueries } from './executor/randomQueries';

const RANDOM_QUERIES_PER_GRAPH = 25;

async function plansRun(pair: DifferentialPair, executor: string): Promise<number> {
  const metric = await pair.ours.gateway.metrics.plansExecuted.get();
  return metric.values.find((value) => value.labels.executor === executor)?.value ?? 0;
}

it('covers at least 20 supergraphs, one of them plain', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(20);
  expect(corpus.some((graph) => graph.plain)).toBe(true);
});

describe.each(corpus.map((graph, index) => ({ graph, seed: 1000 + index })))(
  'GATEWAY_EXECUTOR=switchyard answers as @apollo/gateway: $graph.name',
  ({ graph, seed }) => {
    let pair: DifferentialPair;
    beforeAll(async () => {
      pair = await startDifferentialPair(graph);
    });
    afterAll(async () => {
      await pair.close();
    });

    it('on the operations written for it', async () => {
      for (const query of graph.queries) {
        const { stock, ours } = await pair.run(query);
        expect(ours, query.query).toBe(stock);
      }
    });

    it(`on ${RANDOM_QUERIES_PER_GRAPH} seeded random queries`, async () => {
      const queries = randomQueries(pair.apiSchema, seed, RANDOM_QUERIES_PER_GRAPH, graph.arguments);
      expect(queries.length).toBeGreaterThan(RANDOM_QUERIES_PER_GRAPH / 2);
      const before = await plansRun(pair, 'switchyard');
      let executed = 0;
      for (const query of queries) {
        const { stock, ours } = await pair.run(query);
        expect(ours, `${query.query}\n${JSON.stringify(query.variables)}`).toBe(stock);
        // Refused before execution (a @listSize slicing argument missing): no data, and no plan run.
        if (JSON.parse(stock.slice(stock.indexOf('\n'))).data !== undefined) executed++;
      }
      // The switchyard executor ran every executed query itself rather than handing it to Apollo's.
      expect(executed).toBeGreaterThan(0);
      expect((await plansRun(pair, 'switchyard')) - before).toBe(executed);
    });
  },
);

describe("what the switchyard executor hands to @apollo/gateway's", () => {
  let pair: DifferentialPair;
  beforeAll(async () => {
    const graph = corpus[0];
    if (!graph) throw new Error('the corpus is empty');
    pair = await startDifferentialPair(graph);
  });
  afterAll(async () => {
    await pair.close();
  });

  it('answers root introspection as stock does, counted as run by apollo', async () => {
    const before = await plansRun(pair, 'apollo');
    const { stock, ours } = await pair.run({ query: '{ __schema { queryType { name } } products { id } }' });
    expect(ours).toBe(stock);
    expect(ours).toContain('"Query"');
    expect((await plansRun(pair, 'apollo')) - before).toBe(1);
  });

  it('refuses variables of the wrong type before planning, as stock does', async () => {
    const before = await plansRun(pair, 'switchyard');
    const { stock, ours } = await pair.run({ query: 'query ($id: ID!) { product(id: $id) { id } }', variables: {} });
    expect(ours).toBe(stock);
    expect(ours).toContain('BAD_USER_INPUT');
    expect(await plansRun(pair, 'switchyard')).toBe(before);
  });
});

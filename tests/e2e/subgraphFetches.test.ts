import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type PlanNode, QueryPlanner, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickDatabase } from './page/pickDatabase';
import { startUsageStack, type UsageStack } from './page/startUsageStack';

/** Supplies from catalog, their best offer from suppliers: one root fetch and one entity hop. */
const BEST_OFFERS = /* GraphQL */ `query BestOffers { searchSupplies(first: 3) { edges { node { id name bestOffer { id } } } } }`;

const FETCHES = /* GraphQL */ `
  query Fetches($graph: String!, $variant: String!) {
    usageSubgraphFetches(graph: $graph, variant: $variant, since: "1h") {
      subgraph fetches clients { client fetches }
    }
  }
`;

/** Fetch nodes per subgraph of a query plan. */
function planFetches(
  node: PlanNode | SubscriptionNode | undefined,
  counts: Record<string, number> = {},
): Record<string, number> {
  if (!node) return counts;
  switch (node.kind) {
    case 'Fetch':
      counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
      break;
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) planFetches(child, counts);
      break;
    case 'Flatten':
      planFetches(node.node, counts);
      break;
    case 'Condition':
      planFetches(node.ifClause, counts);
      planFetches(node.elseClause, counts);
      break;
    default:
      throw new Error(`plan node ${node.kind} not expected in this query's plan`);
  }
  return counts;
}

/** Real gateway traffic over the demo graph: the registry's measured subgraph fetches are the plan's fetch nodes. */
describe('subgraph fetches from gateway traffic to the registry', () => {
  let stack: UsageStack;

  beforeAll(async () => {
    const database = await pickDatabase();
    stack = await startUsageStack({ databaseUrl: database.url });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('counts, per client, one fetch per plan fetch node and request', async () => {
    const supergraph = Supergraph.build(
      readFileSync(new URL('../../schemas/supergraph.graphql', import.meta.url), 'utf8'),
      // The demo graph links @authenticated and @requiresScopes, which only the gateway's build accepts.
      { supportedFeatures: null },
    );
    const plan = new QueryPlanner(supergraph).buildQueryPlan(
      operationFromDocument(supergraph.schema, parse(BEST_OFFERS)),
    );
    const perRequest = planFetches(plan.node);
    expect(perRequest).toEqual({ catalog: 1, suppliers: 1 });

    const app = { name: 'ios-app', version: '2.3.0' };
    for (let i = 0; i < 3; i++) expect(await stack.query(app, BEST_OFFERS)).toEqual({ status: 200, errors: undefined });
    await stack.gateway.flushUsage();
    const { usageSubgraphFetches: loads } = await stack.reader.request<{
      usageSubgraphFetches: { subgraph: string; fetches: number; clients: { client: string; fetches: number }[] }[];
    }>(FETCHES, { graph: stack.graph, variant: stack.variant });
    const appFetches = Object.fromEntries(
      loads.map((load) => [load.subgraph, load.clients.find((c) => c.client === 'ios-app')?.fetches ?? 0]),
    );
    expect(appFetches).toEqual(Object.fromEntries(Object.entries(perRequest).map(([name, n]) => [name, 3 * n])));
  }, 60_000);
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { createLogCapture, startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

// A plain third-party-style graph, with NODE_ENV set as deployments set it: Apollo's own defaults follow it.
describe('the gateway decides what NODE_ENV would otherwise decide', () => {
  const nodeEnv = process.env.NODE_ENV;
  const subgraphs: TestSubgraph[] = [];
  let gw: TestGateway | undefined;

  async function gatewayUnder(env: string): Promise<TestGateway> {
    process.env.NODE_ENV = env;
    if (subgraphs.length === 0) {
      subgraphs.push(await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph()));
    }
    gw = await startGateway(subgraphs);
    return gw;
  }
  afterEach(async () => {
    process.env.NODE_ENV = nodeEnv;
    await gw?.close();
  });
  afterAll(async () => {
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  });

  const post = async (url: string, query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers introspection in production, as INTROSPECTION (default true) says', async () => {
    const { url } = await gatewayUnder('production');
    const answer = await post(url, '{ __schema { queryType { name } } }');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('never shows a client the query plan, even outside production', async () => {
    const { url } = await gatewayUnder('development');
    const answer = await post(url, '{ products { id } }', { 'apollo-query-plan-experimental': '1' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeDefined();
    expect(JSON.stringify(answer.body.extensions ?? {})).not.toMatch(/queryPlan|Fetch\(service/);
  });
});

describe('a gateway that authenticates callers but cannot vouch for them to subgraphs', () => {
  it('warns at start that SUBGRAPH_SIGNING_KEY is unset', async () => {
    const subgraph = await startSubgraph(productsSubgraph());
    const logs = createLogCapture();
    const secret = 'a-jwt-secret-of-at-least-32-characters!!';
    const quiet = await startGateway([subgraph], {}, { logger: logs.logger });
    const loud = await startGateway([subgraph], { JWT_SECRET: secret }, { logger: logs.logger });
    await Promise.all([quiet.close(), loud.close(), subgraph.stop()]);
    const warnings = logs.lines.filter((line) => String(line.msg).includes('SUBGRAPH_SIGNING_KEY is unset'));
    expect(warnings).toHaveLength(1);
    expect(Number(warnings[0]?.level)).toBe(40);
  });
});

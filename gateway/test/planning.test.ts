import { QueryPlanner } from '@apollo/query-planner';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { createLogCapture, startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

// The planner is made to fail as it does on operations it cannot plan; the gateway around it is real.
describe('a query planner failure', () => {
  let subgraphs: TestSubgraph[];
  let gw: TestGateway;
  const logs = createLogCapture();

  beforeAll(async () => {
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    gw = await startGateway(subgraphs, {}, { logger: logs.logger });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  });

  it('over one of its limits is 400 QUERY_PLANNING_LIMIT_EXCEEDED with its message, logged at warn', async () => {
    vi.spyOn(QueryPlanner.prototype, 'buildQueryPlan').mockImplementation(() => {
      throw new Error('Number of non-local selections exceeds limit of 100000');
    });
    const { status, body } = await gw.query('{ reviews { id product { name } } }');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: 'The operation is too complex to plan: Number of non-local selections exceeds limit of 100000',
        extensions: { code: 'QUERY_PLANNING_LIMIT_EXCEEDED' },
      },
    ]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 40, reason: 'Number of non-local selections exceeds limit of 100000' }),
    );
  });

  it('of any other kind is QUERY_PLANNING_FAILED with no internal message, the planner message logged', async () => {
    vi.spyOn(QueryPlanner.prototype, 'buildQueryPlan').mockImplementation(() => {
      throw new Error('Was not able to plan query { secret }: This should not have happened.');
    });
    const { status, body } = await gw.query('{ reviews { body } }');
    expect(status).toBe(500);
    expect(body.errors).toEqual([
      { message: 'The gateway could not plan this operation.', extensions: { code: 'QUERY_PLANNING_FAILED' } },
    ]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'the query planner failed',
        err: expect.objectContaining({ message: expect.stringContaining('Was not able to plan') }),
      }),
    );
  });

  it('plans again once the planner recovers', async () => {
    const { status, body } = await gw.query('{ reviews { id } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

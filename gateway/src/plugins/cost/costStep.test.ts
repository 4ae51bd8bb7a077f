import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../metrics';
import { buildSupergraphModel } from '../../supergraph/supergraphModel';
import { createCostStep } from './costStep';

const schema = buildSchema('type Query { item: Item } type Item { price: Int }');
const withWeight = (weight: number) => /* GraphQL */ `
  directive @cost(weight: Int!) on FIELD_DEFINITION
  type Query { item: Item }
  type Item { price: Int @cost(weight: ${weight}) }
`;
const limits = { maxCost: 100, defaultListSize: 10, costMode: 'enforce', maxIntrospectionCost: 5000 } as const;

describe('createCostStep', () => {
  it("prices by the model it is given, so a new supergraph's weights apply from its first request", () => {
    const metrics = createMetrics();
    const step = createCostStep(limits, metrics);
    const request = (model: ReturnType<typeof buildSupergraphModel>) => ({
      schema,
      model,
      document: parse('{ item { price } }'),
      queryHash: 'same-document',
      operationName: null,
      variables: undefined,
    });
    const v1 = buildSupergraphModel({ id: 'v1', sdl: withWeight(2) });
    expect(step.decide(request(v1))).toEqual({ cost: { requested: 3, limit: 100 }, refusal: undefined });
    // Same document hash, cached under v1; a new model (a swap) is priced anew.
    const v2 = buildSupergraphModel({ id: 'v2', sdl: withWeight(7) });
    expect(step.decide(request(v2)).cost).toEqual({ requested: 8, limit: 100 });
    const expensive = buildSupergraphModel({ id: 'v3', sdl: withWeight(500) });
    const refused = step.decide(request(expensive));
    expect(refused.cost?.requested).toBe(501);
    expect(refused.refusal?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(refused.refusal?.message).toContain('Item.price (500)');
    expect(createCostStep({ ...limits, costMode: 'measure' }).decide(request(expensive))).toEqual({
      cost: { requested: 501, limit: 100, mode: 'measure' },
      refusal: undefined,
    });
  });
});

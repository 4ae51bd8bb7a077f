import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../plugins/testing/fixtures';
import { peopleSdl, storesSdl } from '../plugins/testing/plainGraph';
import { followSupergraph } from './supergraphModel';

describe('followSupergraph', () => {
  it('builds one model per supergraph id, shared by every caller until the next swap', () => {
    const sdl = composeSupergraph([
      { name: 'stores', sdl: storesSdl },
      { name: 'people', sdl: peopleSdl },
    ]);
    let current = { id: 'v1', sdl };
    const getModel = followSupergraph(() => current);
    const first = getModel();
    expect(getModel()).toBe(first);
    expect(first.id).toBe('v1');
    // A graph without demand-control or auth directives: no weights, no requirements, every field owned.
    expect(first.cost.fieldWeights.size).toBe(0);
    expect(first.authorization.fields.size).toBe(0);
    expect(first.ownership.size).toBeGreaterThan(0);
    current = { id: 'v2', sdl };
    const second = getModel();
    expect(second).not.toBe(first);
    expect(second.id).toBe('v2');
    expect(Object.isFrozen(second)).toBe(true);
  });
});

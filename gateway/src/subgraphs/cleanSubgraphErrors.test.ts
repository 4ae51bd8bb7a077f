import { describe, expect, it } from 'vitest';
import { cleanSubgraphErrors } from './cleanSubgraphErrors';

const leaky = {
  message: 'relation "orders" does not exist',
  locations: [{ line: 2, column: 5 }],
  path: ['_entities', 0, 'orders'],
  extensions: { code: 'FORBIDDEN', stacktrace: ['Error: at pg.js:1'], sql: 'SELECT 1' },
  nodes: ['internal'],
};

describe('cleanSubgraphErrors', () => {
  it('keeps message, path and code, and drops stack traces, other extensions and locations', () => {
    expect(cleanSubgraphErrors([leaky], 'orders', 'pass')).toEqual([
      {
        message: 'relation "orders" does not exist',
        path: ['_entities', 0, 'orders'],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
  });

  it('in redact mode names the subgraph and the code instead of the message', () => {
    expect(cleanSubgraphErrors([leaky, { message: 'no code here' }], 'orders', 'redact')).toEqual([
      {
        message: "Subgraph 'orders' error (FORBIDDEN)",
        path: ['_entities', 0, 'orders'],
        extensions: { code: 'FORBIDDEN' },
      },
      { message: "Subgraph 'orders' error" },
    ]);
  });

  it('turns malformed entries into errors naming the subgraph rather than passing them on', () => {
    expect(
      cleanSubgraphErrors(['boom', null, { message: 42, path: 'x', extensions: { code: 7 } }], 'orders', 'pass'),
    ).toEqual([
      { message: "Subgraph 'orders' error" },
      { message: "Subgraph 'orders' error" },
      { message: "Subgraph 'orders' error" },
    ]);
  });
});

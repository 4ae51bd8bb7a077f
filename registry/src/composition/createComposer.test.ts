import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Composer, createComposer, defaultCompositionSettings } from './createComposer';

/** The demo's four subgraphs, as a third party would publish them. */
const demo = ['accounts', 'catalog', 'orders', 'suppliers'].map((name) => ({
  name,
  url: `http://${name}.test/graphql`,
  sdl: readFileSync(new URL(`../../../schemas/${name}.graphql`, import.meta.url), 'utf8'),
}));

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/** `count` object types, each pointing at the next: a chain deep enough to overflow a recursive walk. */
function chainedTypes(count: number): string {
  const types = Array.from({ length: count }, (_, index) => `type T${index} { id: ID! next: T${index + 1} }`);
  return `${link}\ntype Query { start: T0 }\n${types.join('\n')}\ntype T${count} { id: ID! }\n`;
}

let composer: Composer | undefined;
afterEach(async () => {
  await composer?.close();
  composer = undefined;
});

describe('createComposer', () => {
  it('composes the demo graph in a worker thread and diffs it against the served API schema', async () => {
    composer = createComposer();
    const first = await composer.compose({ subgraphs: demo, servedApiSdl: null, changed: 'orders' });
    expect(first.kind).toBe('composed');
    if (first.kind !== 'composed') throw new Error(JSON.stringify(first));
    expect(first.supergraphSdl).toContain('@join__graph(name: "orders", url: "http://orders.test/graphql")');
    const withoutSuppliers = await composer.compose({
      subgraphs: demo.filter((subgraph) => subgraph.name !== 'suppliers'),
      servedApiSdl: first.apiSchemaSdl,
    });
    expect(withoutSuppliers.kind === 'composed' && withoutSuppliers.changes.length).toBeGreaterThan(0);
  });

  it('answers the same subgraph set from its cache, without a worker', async () => {
    composer = createComposer();
    const task = { subgraphs: demo, servedApiSdl: null, changed: 'accounts' };
    const first = await composer.compose(task);
    // A worker's answer is a fresh structured clone; only the cache answers with the very same object, whatever
    // order the subgraphs come in.
    expect(await composer.compose({ ...task, subgraphs: [...demo].reverse() })).toBe(first);
    const other = await composer.compose({ ...task, changed: 'orders' });
    expect(other).not.toBe(first);
    expect(other).toEqual(first);
  });

  it('refuses a changed subgraph over the type limit with SCHEMA_TOO_LARGE before composing', async () => {
    composer = createComposer();
    const outcome = await composer.compose({
      subgraphs: [{ name: 'chain', url: 'http://chain.test/graphql', sdl: chainedTypes(10_000) }],
      servedApiSdl: null,
      changed: 'chain',
    });
    expect(outcome).toMatchObject({ kind: 'tooLarge', subgraph: 'chain', size: { types: 10_002 } });
    expect(outcome.kind === 'tooLarge' && outcome.message).toContain('MAX_SCHEMA_TYPES');
  });

  it('answers COMPOSITION_TIMEOUT when composing takes longer than the time limit, and composes again after', async () => {
    composer = createComposer({ ...defaultCompositionSettings, timeoutMs: 1 });
    await expect(composer.compose({ subgraphs: demo, servedApiSdl: null })).rejects.toMatchObject({
      code: 'COMPOSITION_TIMEOUT',
      status: 422,
    });
  });
});

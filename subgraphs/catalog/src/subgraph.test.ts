import { printSubgraphSchema } from '@apollo/subgraph';
import { domainSeed } from '@switchyard/demo-domain';
import { loadSubgraphConfig } from '@switchyard/subgraph-kit';
import { createTestStorage, storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureKitItems, procedures } from './db/schema';
import { schema } from './schema';
import { createCatalogSubgraph } from './subgraph';

const counts = domainSeed.seedCounts(0.05);

type Edge = { cursor: string; node: { id: string; category: string } };

it('prints the catalog subgraph schema', () => {
  expect(printSubgraphSchema(schema)).toMatchSnapshot();
});

describe.each(storageBackends())('catalog subgraph on $name', (backend) => {
  let subgraph: Awaited<ReturnType<typeof createCatalogSubgraph>>;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const env: Record<string, string> = { SEED_SCALE: '0.05', LOG_LEVEL: 'silent', MAX_PAGE_SIZE: '60' };
    const storage = await createTestStorage(backend, 'catalog');
    Object.assign(env, storage.env);
    cleanup = storage.cleanup;
    subgraph = await createCatalogSubgraph(loadSubgraphConfig('catalog', 0, env));
    await subgraph.listen(0);
  });

  afterAll(async () => {
    await subgraph?.close();
    await cleanup?.();
  });

  async function query(q: string, variables?: Record<string, unknown>) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: any; errors?: { message: string; extensions: any }[] };
  }

  /** Runs an operation and returns its result with the number of SQL statements it cost. */
  async function measured(q: string, variables?: Record<string, unknown>) {
    subgraph.database.statements.reset();
    const result = await query(q, variables);
    return { ...result, statements: subgraph.database.statements.count };
  }

  const supplyId = domainSeed.supplyId;
  const seeded = domainSeed.seedSupply(7);

  it('finds a supply by id and by SKU, with the deprecated code equal to the SKU', async () => {
    const result = await query(
      'query ($id: ID!, $sku: String!) { supply(id: $id) { id sku code name category unit packSize } supplyBySku(sku: $sku) { id } missing: supply(id: "supply_99999") { id } }',
      { id: seeded.id, sku: seeded.sku },
    );
    expect(result).toEqual({
      data: {
        supply: {
          id: seeded.id,
          sku: seeded.sku,
          code: seeded.sku,
          name: seeded.name,
          category: seeded.category,
          unit: seeded.unit,
          packSize: seeded.packSize,
        },
        supplyBySku: { id: seeded.id },
        missing: null,
      },
    });
  });

  it('resolves 100 supply representations in one statement, in order, with null for unknown ids', async () => {
    const representations = [
      ...Array.from({ length: 100 }, (_, i) => ({ __typename: 'Supply', id: supplyId(i + 1) })),
      { __typename: 'Supply', id: 'supply_99999' },
    ];
    const result = await measured(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Supply { id sku packSize } } }',
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(101);
    expect(result.data._entities[41]).toEqual({
      id: supplyId(42),
      sku: domainSeed.seedSupply(42).sku,
      packSize: domainSeed.seedSupply(42).packSize,
    });
    expect(result.data._entities[100]).toBeNull();
    expect(result.statements).toBe(1);
  });

  it('resolves procedure representations in one statement, and all their kits in one more', async () => {
    const representations = Array.from({ length: counts.procedures }, (_, i) => ({
      __typename: 'Procedure',
      id: domainSeed.procedureId(i + 1),
    }));
    const result = await measured(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Procedure { id name kit { quantity supply { id sku } } } } }',
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    const expected = domainSeed.seedProcedure(3, counts);
    expect(result.data._entities[2]).toEqual({
      id: expected.id,
      name: expected.name,
      kit: expected.kit.map((item) => ({
        quantity: item.quantity,
        supply: { id: item.supplyId, sku: expect.any(String) },
      })),
    });
    expect(result.statements).toBe(2);
  });

  describe('kits of many procedures', () => {
    beforeAll(async () => {
      // The seed has only a few procedures at test scale; add enough to list 50 of them.
      const extra = Array.from({ length: 50 }, (_, i) => ({
        id: `procedure_test_${String(i).padStart(2, '0')}`,
        name: `Test procedure ${i}`,
      }));
      await subgraph.database.db.insert(procedures).values(extra);
      await subgraph.database.db.insert(procedureKitItems).values(
        extra.flatMap(({ id }, i) =>
          [1, 2, 3].map((k) => ({
            procedureId: id,
            supplyId: supplyId(((i * 3 + k) % counts.supplies) + 1),
            position: k,
            quantity: k,
          })),
        ),
      );
    });

    it('costs the same statements for 5 procedures with their kits as for 50', async () => {
      const list = (first: number) =>
        measured(
          'query ($first: Int) { procedures(first: $first) { totalCount edges { node { id kit { quantity supply { id name } } } } } }',
          { first },
        );
      const five = await list(5);
      const fifty = await list(50);
      expect(five.errors).toBeUndefined();
      expect(fifty.errors).toBeUndefined();
      expect(five.data.procedures.edges).toHaveLength(5);
      expect(fifty.data.procedures.edges).toHaveLength(50);
      expect(fifty.data.procedures.totalCount).toBe(counts.procedures + 50);
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(2);
    });
  });

  describe('searchSupplies', () => {
    const search = `query ($query: String, $category: SupplyCategory, $first: Int, $after: String) {
      searchSupplies(query: $query, category: $category, first: $first, after: $after) {
        totalCount
        edges { cursor node { id name sku category } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const all = Array.from({ length: counts.supplies }, (_, i) => domainSeed.seedSupply(i + 1));

    it('pages through every match, case-insensitively, in (name, id) order, one statement per page', async () => {
      const term = 'GLOVE';
      const expected = all
        .filter((s) => s.name.toLowerCase().includes('glove') || s.sku.toLowerCase().includes('glove'))
        .map((s) => s.id);
      expect(expected.length).toBeGreaterThan(3);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const result = await measured(search, { query: term, first: 2, after });
        expect(result.errors).toBeUndefined();
        expect(result.statements).toBe(1);
        const page = result.data.searchSupplies;
        expect(page.totalCount).toBe(expected.length);
        seen.push(...page.edges.map((edge: Edge) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
      } while (after && pages < 100);
      expect([...seen].sort()).toEqual([...expected].sort());
      // Small pages walked by cursor give exactly the order of one big page (the database's collation decides it).
      const whole = await query(search, { query: term, first: 60 });
      expect(seen).toEqual(whole.data.searchSupplies.edges.map((edge: Edge) => edge.node.id));
    });

    it('matches the SKU and filters by category', async () => {
      const bySku = await query(search, { query: seeded.sku.toLowerCase() });
      expect(bySku.data.searchSupplies.edges.map((edge: Edge) => edge.node.id)).toEqual([seeded.id]);
      const result = await query(search, { category: 'RESPIRATORY', first: 60 });
      const respiratory = all.filter((s) => s.category === 'RESPIRATORY');
      expect(result.data.searchSupplies.totalCount).toBe(respiratory.length);
      expect(result.data.searchSupplies.edges.every((edge: Edge) => edge.node.category === 'RESPIRATORY')).toBe(true);
    });

    it('treats LIKE wildcards in the query as plain text', async () => {
      const result = await query(search, { query: '%' });
      expect(result.data.searchSupplies).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('reports the total even on a page past the last match', async () => {
      const first = await query(search, { query: 'mask', first: 60 });
      const { endCursor, hasNextPage } = first.data.searchSupplies.pageInfo;
      expect(hasNextPage).toBe(false);
      const past = await query(search, { query: 'mask', after: endCursor });
      expect(past.data.searchSupplies).toMatchObject({ totalCount: first.data.searchSupplies.totalCount, edges: [] });
    });

    it('refuses a page larger than the configured maximum, naming the limit', async () => {
      const result = await query(search, { first: 61 });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringContaining('60'),
        extensions: { code: 'BAD_USER_INPUT', limit: 60 },
      });
    });

    it('refuses a cursor it did not make, and an overlong query, as bad user input', async () => {
      for (const variables of [
        { after: 'not-a-cursor' },
        { after: Buffer.from('{"a":1}').toString('base64url') },
        { query: 'x'.repeat(101) },
      ]) {
        const result = await query(search, variables);
        expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      }
      const procedures = await query('{ procedures(after: "bm9wZQ") { totalCount } }');
      expect(procedures.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});

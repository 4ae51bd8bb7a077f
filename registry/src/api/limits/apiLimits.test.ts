import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { backendTitle, storageBackends } from '../../db/testing/testDatabase';
import { adminToken, startTestRegistry, type TestRegistry } from '../../testing/startTestRegistry';

const backends = await storageBackends();

describe('API limit settings', () => {
  it('default to 5000 tokens, depth 12, 30 aliases, 20 root fields and cost 2000, and can be set', () => {
    expect(loadConfig({}).apiLimits).toEqual({
      maxTokens: 5000,
      maxDepth: 12,
      maxAliases: 30,
      maxRootFields: 20,
      maxCost: 2000,
    });
    expect(loadConfig({ API_MAX_ALIASES: '5', API_MAX_COST: '100' }).apiLimits).toMatchObject({
      maxAliases: 5,
      maxCost: 100,
    });
  });
});

describe.each(backends)('registry API limits on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;
    beforeAll(async () => {
      api = await startTestRegistry(backend);
    });
    afterAll(async () => api?.close());

    it('refuses 3,000 aliases of graphs with 400 and a limit code, before parsing all of it or running anything', async () => {
      const aliases = Array.from({ length: 3000 }, (_, index) => `g${index}:graphs{name}`).join(' ');
      const { status, body } = await api.graphql(adminToken, `{ ${aliases} }`);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: "Operation has more than 5000 tokens; the registry's limit is 5000.",
          extensions: expect.objectContaining({ code: 'TOKEN_LIMIT_EXCEEDED', limit: 5000 }),
        }),
      ]);
    });

    it.each([
      {
        what: 'aliases',
        query: `{ graphs { ${Array.from({ length: 31 }, (_, i) => `n${i}: name`).join(' ')} } }`,
        code: 'ALIAS_LIMIT_EXCEEDED',
      },
      {
        what: 'depth',
        query: `{ supergraphVersion(graph: "g", variant: "v") { subgraphs { ${'a { '.repeat(12)}b${' }'.repeat(12)} } } }`,
        code: 'DEPTH_LIMIT_EXCEEDED',
      },
      {
        what: 'root fields',
        query: `{ ${Array.from({ length: 21 }, (_, i) => `r${i}: graphs { name }`).join(' ')} }`,
        code: 'ROOT_FIELD_LIMIT_EXCEEDED',
      },
      {
        what: 'cost through fragments',
        query: `{ graphs { ...A } } fragment A on GraphSummary { ${'...B '.repeat(1)} name } fragment B on GraphSummary { ${'name '.repeat(2001)} }`,
        code: 'COST_LIMIT_EXCEEDED',
      },
      { what: 'tokens', query: `{ ${'graphs { name } '.repeat(2000)} }`, code: 'TOKEN_LIMIT_EXCEEDED' },
    ])('refuses an operation over the $what limit with $code', async ({ query, code }) => {
      const { status, body } = await api.graphql(adminToken, query);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    });

    it('still serves the CLI-sized operations and a few aliases', async () => {
      const { status, body } = await api.graphql(adminToken, '{ a: graphs { name variants } b: tokens { id name } }');
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.a).toEqual([]);
    });
  });
});

import { printSubgraphSchema } from '@apollo/subgraph';
import { loadSubgraphConfig } from '@switchyard/subgraph-kit';
import { createTestGateway, createTestStorage, storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from './schema';
import { createAccountsSubgraph } from './subgraph';

it('prints the accounts subgraph schema', () => {
  expect(printSubgraphSchema(schema)).toMatchSnapshot();
});

describe.each(storageBackends())('accounts subgraph on $name', (backend) => {
  const gateway = createTestGateway();
  let subgraph: Awaited<ReturnType<typeof createAccountsSubgraph>>;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const env: Record<string, string> = { SEED_SCALE: '0.05', LOG_LEVEL: 'silent', ...gateway.env };
    const storage = await createTestStorage(backend, 'accounts');
    Object.assign(env, storage.env);
    cleanup = storage.cleanup;
    subgraph = await createAccountsSubgraph(loadSubgraphConfig('accounts', 0, env));
    await subgraph.listen(0);
  });

  afterAll(async () => {
    await subgraph?.close();
    await cleanup?.();
  });

  async function query(body: { query: string; variables?: unknown }, headers: Record<string, string> = {}) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  }

  it('answers me from the identity the gateway forwards', async () => {
    const headers = await gateway.headers({ audience: 'accounts', subject: 'user_00011' });
    const { body } = await query({ query: '{ me { id role clinic { id } } }' }, headers);
    expect(body).toEqual({ data: { me: { id: 'user_00011', role: 'ADMIN', clinic: { id: 'clinic_0002' } } } });
  });

  it('shows email addresses to signed-in callers only', async () => {
    const signedIn = await gateway.headers({ audience: 'accounts', subject: 'user_00011' });
    expect((await query({ query: '{ user(id: "user_00001") { email } }' }, signedIn)).body).toEqual({
      data: { user: { email: expect.stringContaining('@example.org') } },
    });
    const { body } = await query({ query: '{ user(id: "user_00001") { email } }' });
    expect(body.data).toEqual({ user: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['user', 'email'], extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
  });

  it('answers me with null for an anonymous caller', async () => {
    expect((await query({ query: '{ me { id } }' })).body).toEqual({ data: { me: null } });
  });

  it('ignores forged identity headers and tokens signed for another subgraph', async () => {
    const forged = await query({ query: '{ me { id } }' }, { 'x-switchyard-subject': 'user_00001' });
    expect(forged.body).toEqual({ data: { me: null } });
    const replayed = await gateway.headers({ audience: 'orders', subject: 'user_00001' });
    expect((await query({ query: '{ me { id } }' }, replayed)).body).toEqual({ data: { me: null } });
  });

  it('reports health', async () => {
    const response = await fetch(subgraph.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });

  it('resolves 100 user and 3 clinic representations in one statement each', async () => {
    const representations = [
      ...Array.from({ length: 100 }, (_, i) => ({ __typename: 'User', id: `user_${String(i + 1).padStart(5, '0')}` })),
      { __typename: 'Clinic', id: 'clinic_0001' },
      { __typename: 'Clinic', id: 'clinic_0003' },
      { __typename: 'Clinic', id: 'clinic_9999' },
    ];
    subgraph.database.statements.reset();
    const { body } = await query({
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } ... on Clinic { id name } } }',
      variables: { r: representations },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toHaveLength(103);
    expect(body.data._entities[0]).toEqual({ id: 'user_00001' });
    expect(body.data._entities[102]).toBeNull();
    expect(subgraph.database.statements.count).toBe(2);
  });

  it('loads the users of many clinics in one statement', async () => {
    const clinics = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Clinic', id: `clinic_000${i + 1}` }));
    const count = async (n: number) => {
      subgraph.database.statements.reset();
      const { body } = await query({
        query:
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Clinic { users { id clinic { id } } } } }',
        variables: { r: clinics(n) },
      });
      expect(body.data._entities[0].users).toHaveLength(10);
      return subgraph.database.statements.count;
    };
    expect(await count(1)).toBe(await count(3));
  });
});

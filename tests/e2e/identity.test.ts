import { domainSeed } from '@switchyard/demo-domain';
import { storageBackends } from '@switchyard/subgraph-kit/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devApiKeyEntry } from '../stack/devTokens';
import { type Stack, startStack } from '../stack/startStack';

const JWT_SECRET = 'identity-e2e-jwt-secret-0123456789abcdef';
const DEV_KEY = 'identity-e2e-development-api-key';
const PLACE_ORDER = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order { id clinic { id } placedBy { id } }
      errors { __typename message }
    }
  }
`;

async function bearer(claims: Record<string, unknown>): Promise<Record<string, string>> {
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user_00012')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return { authorization: `Bearer ${token}` };
}

// The whole stack as `npm start` wires it: the gateway signs a token per subgraph fetch, orders signs its own calls.
// One backend is enough here: identity does not depend on storage.
const backend = storageBackends().at(-1);

describe(`caller identity from the gateway to the subgraphs (${backend?.name})`, () => {
  let stack: Stack;
  const counts = domainSeed.seedCounts(0.05);
  const offer = domainSeed.seedOffers(9, counts).find((candidate) => candidate.stock >= candidate.minimumOrderQuantity);
  const input = {
    lines: [{ supplyId: offer?.supplyId, supplierId: offer?.supplierId, quantity: offer?.minimumOrderQuantity }],
  };

  beforeAll(async () => {
    stack = await startStack({
      databaseUrl: backend?.url,
      gatewayEnv: { JWT_SECRET, BUDGETS_ENABLED: 'false', API_KEYS: JSON.stringify([devApiKeyEntry(DEV_KEY)]) },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("places a signed-in buyer's order through the gateway for the clinic of the buyer's token", async () => {
    const headers = await bearer({ scope: 'orders:read orders:write', clinic_id: 'clinic_0002', role: 'BUYER' });
    const { body } = await stack.query(PLACE_ORDER, { input }, headers);
    expect(body.errors).toBeUndefined();
    expect(body.data.placeOrder).toEqual({
      order: { id: expect.any(String), clinic: { id: 'clinic_0002' }, placedBy: { id: 'user_00012' } },
      errors: [],
    });
    const mine = await stack.query('{ myOrders(first: 1) { edges { node { id } } } }', {}, headers);
    expect(mine.body.data.myOrders.edges[0].node.id).toBe(body.data.placeOrder.order.id);
  });

  it("answers npm start's development caller on every protected field it prints", async () => {
    const headers = { 'x-api-key': DEV_KEY };
    const { body } = await stack.query('{ me { id email role clinic { id } } }', {}, headers);
    expect(body.errors).toBeUndefined();
    expect(body.data.me).toEqual({
      id: 'user_00001',
      email: expect.any(String),
      role: 'ADMIN',
      clinic: { id: 'clinic_0001' },
    });
    const placed = await stack.query(PLACE_ORDER, { input }, headers);
    expect(placed.body.errors).toBeUndefined();
    expect(placed.body.data.placeOrder.order.clinic).toEqual({ id: 'clinic_0001' });
  });

  it('places nothing for identity headers sent straight to the orders subgraph', async () => {
    const response = await fetch(stack.subgraphs.urls.orders ?? '', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-switchyard-subject': 'user_00012',
        'x-switchyard-scopes': 'orders:write',
        'x-switchyard-claims': JSON.stringify({ clinic_id: 'clinic_0002' }),
      },
      body: JSON.stringify({ query: PLACE_ORDER, variables: { input } }),
    });
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it("shows a user's email only to a signed-in caller", async () => {
    const anonymous = await stack.query('{ user(id: "user_00001") { id email } }');
    // email is non-null, so the user it is refused on is null too.
    expect(anonymous.body.data).toEqual({ user: null });
    expect(anonymous.body.errors).toEqual([
      expect.objectContaining({
        path: ['user', 'email'],
        extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'User.email' }),
      }),
    ]);
    const signedIn = await stack.query(
      '{ user(id: "user_00001") { email } }',
      {},
      await bearer({ clinic_id: 'clinic_0002' }),
    );
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data).toEqual({ user: { email: expect.stringContaining('@example.org') } });
  });

  it('refuses PurchaseOrder.totalCents without orders:read, as it refuses total', async () => {
    const query = '{ myOrders(first: 1) { edges { node { id totalCents } } } }';
    const reader = await bearer({ scope: 'orders:read', clinic_id: 'clinic_0002' });
    const granted = await stack.query(query, {}, reader);
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data.myOrders.edges[0].node.totalCents).toEqual(expect.any(Number));
    const refused = await stack.query(query, {}, await bearer({ scope: '', clinic_id: 'clinic_0002' }));
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'UNAUTHORIZED_FIELD_OR_TYPE',
            coordinate: 'PurchaseOrder.totalCents',
          }),
        }),
      ]),
    );
  });
});

import { storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/startStack';

const CLINIC_ORDERS = /* GraphQL */ `
  query ClinicOrders($clinic: ID!, $first: Int!) {
    clinic(id: $clinic) {
      name
      users { id }
      orders(first: $first) {
        edges {
          node {
            id
            status
            placedBy { id name clinic { id } }
            lines {
              quantity
              unitPrice { amountCents currency }
              supply { id sku name packSize bestOffer { supplier { id name } unitPrice { amountCents formatted } } }
            }
          }
        }
      }
    }
  }
`;

describe.each(storageBackends())('one endpoint over four subgraphs ($name)', (backend) => {
  let stack: Stack;

  beforeAll(async () => {
    // 50 orders with lines, supplies and offers is a large query: lift the cost limit so batching is what is measured.
    stack = await startStack({
      databaseUrl: backend.url,
      gatewayEnv: { MAX_QUERY_COST: '100000', BUDGETS_ENABLED: 'false' },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("answers a clinic's orders with lines, supplies and best offers from all four subgraphs", async () => {
    const { status, body } = await stack.query(CLINIC_ORDERS, { clinic: 'clinic_0001', first: 5 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const clinic = body.data.clinic;
    expect(clinic.name).toMatch(/\S/);
    expect(clinic.users.length).toBeGreaterThan(0);
    expect(clinic.orders.edges).toHaveLength(5);
    for (const { node } of clinic.orders.edges) {
      // accounts resolves the user that orders references, and that user works at the ordering clinic.
      expect(node.placedBy.clinic.id).toBe('clinic_0001');
      expect(node.lines.length).toBeGreaterThanOrEqual(2);
      for (const line of node.lines) {
        expect(line.supply.sku).toMatch(/^[A-Z]{3}-\d{5}$/); // catalog
        expect(line.supply.bestOffer === null || line.supply.bestOffer.unitPrice.amountCents > 0).toBe(true); // suppliers
      }
    }
  });

  it('loads 50 orders with their lines, supplies and offers in as many statements as 5 orders', async () => {
    const statementsFor = async (first: number) => {
      stack.subgraphs.resetStatements();
      const { body } = await stack.query(CLINIC_ORDERS, { clinic: 'clinic_0001', first });
      expect(body.errors).toBeUndefined();
      expect(body.data.clinic.orders.edges).toHaveLength(first);
      return stack.subgraphs.statementCount();
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    console.info(`statements for 5 orders: ${five}, for 50 orders: ${fifty}`);
    expect(fifty).toBe(five);
  });
});

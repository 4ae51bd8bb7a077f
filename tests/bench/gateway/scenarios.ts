import { domainSeed } from '@switchyard/demo-domain';

/** What answers the gateways' fetches: the seeded subgraphs, or recorded answers replayed by a map lookup. */
export const SubgraphKind = { LIVE: 'live', PRECOMPUTED: 'precomputed' } as const;
export type SubgraphKind = (typeof SubgraphKind)[keyof typeof SubgraphKind];

/** One load pattern of the benchmark: a named operation and the request bodies it cycles through. */
export interface Scenario {
  name: string;
  /** Which subgraphs the gateways of this scenario call. */
  subgraphs: SubgraphKind;
  /** What the table says about it. */
  description: string;
  /** JSON request bodies sent in turn, so consecutive requests differ unless the scenario is about duplicates. */
  bodies: string[];
  /** Throws when a response's data is not what the operation should return (null clinic, too few orders…). */
  checkData(data: unknown): void;
}

/** A clinic's orders with their lines, supplies and best offers: all four subgraphs, several fetches per request. */
export const CLINIC_ORDERS = /* GraphQL */ `
  query BenchClinicOrders($clinic: ID!, $first: Int!) {
    clinic(id: $clinic) {
      id
      name
      users { id name }
      orders(first: $first) {
        edges {
          node {
            id
            status
            total { amountCents currency }
            placedBy { id name clinic { id } }
            lines {
              quantity
              unitPrice { amountCents currency }
              lineTotal { amountCents }
              supply { id sku name packSize bestOffer { supplier { id name } unitPrice { amountCents formatted } } }
            }
          }
        }
      }
    }
  }
`;

/** One supply from the catalog: a single subgraph fetch. */
export const SUPPLY = /* GraphQL */ `
  query BenchSupply($id: ID!) {
    supply(id: $id) { id sku name }
  }
`;

/** How many orders the large query asks for. */
export const ORDERS_PER_REQUEST = 20;

const body = (query: string, operationName: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, operationName, variables });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The benchmark's scenarios for data seeded at `seedScale`: the large query rotating over every clinic, the small
 * one rotating over up to 500 supplies, and the large query for one clinic only ("identical burst", where the
 * gateways may deduplicate subgraph fetches of concurrent identical requests), over the seeded subgraphs; then the
 * large and small queries again over subgraphs that replay precomputed answers, where the gateways' own cost is
 * nearly all there is.
 */
export function createScenarios(seedScale: number): Scenario[] {
  const counts = domainSeed.seedCounts(seedScale);
  const clinics = Array.from({ length: counts.clinics }, (_, i) => domainSeed.clinicId(i + 1));
  // A stride coprime with the count visits every supply once per cycle without neighbours following each other.
  const supplyCount = Math.min(500, counts.supplies);
  const supplies = Array.from({ length: supplyCount }, (_, i) =>
    domainSeed.supplyId(((i * 7919) % counts.supplies) + 1),
  );
  const checkClinic = (data: unknown) => {
    const clinic = isRecord(data) ? data.clinic : undefined;
    const orders = isRecord(clinic) && isRecord(clinic.orders) ? clinic.orders.edges : undefined;
    if (!Array.isArray(orders) || orders.length !== ORDERS_PER_REQUEST) {
      throw new Error(`expected a clinic with ${ORDERS_PER_REQUEST} orders, got ${JSON.stringify(data).slice(0, 200)}`);
    }
  };
  const large = {
    description: `clinic → ${ORDERS_PER_REQUEST} orders → lines → supply → bestOffer → supplier (4 subgraphs), ${clinics.length} clinics in turn`,
    bodies: clinics.map((clinic) => body(CLINIC_ORDERS, 'BenchClinicOrders', { clinic, first: ORDERS_PER_REQUEST })),
    checkData: checkClinic,
  };
  const small = {
    description: `supply(id) { id sku name } (1 subgraph), ${supplies.length} supplies in turn`,
    bodies: supplies.map((id) => body(SUPPLY, 'BenchSupply', { id })),
    checkData(data: unknown) {
      const supply = isRecord(data) ? data.supply : undefined;
      if (!isRecord(supply) || typeof supply.sku !== 'string') {
        throw new Error(`expected a supply, got ${JSON.stringify(data).slice(0, 200)}`);
      }
    },
  };
  const replayed = 'subgraphs answer from precomputed responses';
  return [
    { name: 'large', subgraphs: SubgraphKind.LIVE, ...large },
    { name: 'small', subgraphs: SubgraphKind.LIVE, ...small },
    {
      name: 'identical burst',
      subgraphs: SubgraphKind.LIVE,
      description: 'the large query for one clinic on every connection (deduplication applies)',
      bodies: [body(CLINIC_ORDERS, 'BenchClinicOrders', { clinic: clinics[0], first: ORDERS_PER_REQUEST })],
      checkData: checkClinic,
    },
    {
      name: 'precomputed large',
      subgraphs: SubgraphKind.PRECOMPUTED,
      ...large,
      description: `${large.description}; ${replayed}`,
    },
    {
      name: 'precomputed small',
      subgraphs: SubgraphKind.PRECOMPUTED,
      ...small,
      description: `${small.description}; ${replayed}`,
    },
  ];
}

import { IDENTITY_TOKEN_HEADER, type ServiceTokenSigner } from '@switchyard/subgraph-kit';
import { z } from 'zod';
import { DirectoryUnavailableError, type SupplyDirectory, type SupplyListing } from './supplyDirectory';

export interface HttpSupplyDirectoryOptions {
  /** GraphQL URL of the catalog subgraph (owner of `Supply`). */
  catalogUrl: string;
  /** GraphQL URL of the suppliers subgraph (owner of `Supply.offers`). */
  suppliersUrl: string;
  /** Longest a request may take, in milliseconds; the directory is then unavailable. */
  timeoutMs: number;
  /**
   * Orders' own credential: each call carries a token signed for the subgraph called (audience `catalog` or
   * `suppliers`), never the gateway's. Unset: calls are anonymous.
   */
  credential?: ServiceTokenSigner;
  /** The fetch to use. Default: the global one. */
  fetch?: typeof fetch;
}

const CATALOG_QUERY = /* GraphQL */ `
  query OrdersSupplyExists($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Supply { id } }
  }
`;

const SUPPLIERS_QUERY = /* GraphQL */ `
  query OrdersSupplyOffers($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Supply {
        id
        offers { id stock minimumOrderQuantity unitPrice { amountCents currency } supplier { id } }
      }
    }
  }
`;

// Mutations of the suppliers subgraph only orders may call (hidden from the gateway's API).
const TAKE_STOCK = /* GraphQL */ `
  mutation OrdersTakeStock($lines: [StockLineInput!]!) {
    takeStock(lines: $lines) { ok shortages { offerId available } }
  }
`;

const RETURN_STOCK = /* GraphQL */ `
  mutation OrdersReturnStock($lines: [StockLineInput!]!) { returnStock(lines: $lines) }
`;

const GraphQLErrors = z.array(z.object({ message: z.string() })).optional();

const CatalogResponse = z.object({
  data: z.object({ _entities: z.array(z.object({ id: z.string() }).nullable()) }).nullish(),
  errors: GraphQLErrors,
});

const Offer = z.object({
  id: z.string(),
  stock: z.number().int(),
  minimumOrderQuantity: z.number().int(),
  unitPrice: z.object({ amountCents: z.number().int(), currency: z.string() }),
  supplier: z.object({ id: z.string() }),
});

const SuppliersResponse = z.object({
  data: z.object({ _entities: z.array(z.object({ offers: z.array(Offer) }).nullable()) }).nullish(),
  errors: GraphQLErrors,
});

const TakeStockResponse = z.object({
  data: z
    .object({
      takeStock: z.object({
        ok: z.boolean(),
        shortages: z.array(z.object({ offerId: z.string(), available: z.number().int() })),
      }),
    })
    .nullish(),
  errors: GraphQLErrors,
});

const ReturnStockResponse = z.object({ data: z.object({ returnStock: z.boolean() }).nullish(), errors: GraphQLErrors });

/**
 * The directory over HTTP: one `_entities` request to the catalog (does each supply exist?) and one to the
 * suppliers subgraph (its offers), sent in parallel, each bounded by `timeoutMs`; stock is taken and given back
 * through the suppliers subgraph's `takeStock` and `returnStock`, with orders' own credential.
 */
export function createHttpSupplyDirectory(options: HttpSupplyDirectoryOptions): SupplyDirectory {
  const fetchImpl = options.fetch ?? fetch;

  async function ask<T extends z.ZodType<{ data?: unknown; errors?: { message: string }[] | undefined }>>(
    subgraph: string,
    url: string,
    query: string,
    variables: Record<string, unknown>,
    shape: T,
  ): Promise<z.output<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.credential) headers[IDENTITY_TOKEN_HEADER] = await options.credential.sign(subgraph);
    let body: unknown;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new DirectoryUnavailableError(subgraph, `HTTP ${response.status} from ${url}`);
      body = await response.json();
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) throw error;
      // fetch reports a refused connection as "fetch failed" with the reason in `cause`.
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : `${String(error)}${cause}`;
      throw new DirectoryUnavailableError(subgraph, `${reason} (${url})`);
    }
    const parsed = shape.safeParse(body);
    if (!parsed.success) throw new DirectoryUnavailableError(subgraph, `unexpected answer: ${parsed.error.message}`);
    const firstError = parsed.data.errors?.[0];
    if (firstError) throw new DirectoryUnavailableError(subgraph, firstError.message);
    return parsed.data;
  }

  return {
    async listSupplies(supplyIds) {
      const listings = new Map<string, SupplyListing>();
      if (supplyIds.length === 0) return listings;
      const representations = supplyIds.map((id) => ({ __typename: 'Supply', id }));
      const [catalog, suppliers] = await Promise.all([
        ask('catalog', options.catalogUrl, CATALOG_QUERY, { representations }, CatalogResponse),
        ask('suppliers', options.suppliersUrl, SUPPLIERS_QUERY, { representations }, SuppliersResponse),
      ]);
      const known = catalog.data?._entities ?? [];
      const offered = suppliers.data?._entities ?? [];
      if (known.length !== supplyIds.length) {
        throw new DirectoryUnavailableError('catalog', `answered ${known.length} of ${supplyIds.length} supplies`);
      }
      if (offered.length !== supplyIds.length) {
        throw new DirectoryUnavailableError('suppliers', `answered ${offered.length} of ${supplyIds.length} supplies`);
      }
      supplyIds.forEach((supplyId, i) => {
        listings.set(supplyId, {
          supplyId,
          exists: known[i] != null,
          offers: (offered[i]?.offers ?? []).map((offer) => ({
            offerId: offer.id,
            supplierId: offer.supplier.id,
            stock: offer.stock,
            minimumOrderQuantity: offer.minimumOrderQuantity,
            unitPrice: offer.unitPrice,
          })),
        });
      });
      return listings;
    },
    async takeStock(lines) {
      const answer = await ask('suppliers', options.suppliersUrl, TAKE_STOCK, { lines }, TakeStockResponse);
      const payload = answer.data?.takeStock;
      if (!payload) throw new DirectoryUnavailableError('suppliers', 'answered takeStock without a payload');
      return payload.ok ? { ok: true } : { ok: false, shortages: payload.shortages };
    },
    async returnStock(lines) {
      await ask('suppliers', options.suppliersUrl, RETURN_STOCK, { lines }, ReturnStockResponse);
    },
  };
}

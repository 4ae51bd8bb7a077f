/** A price in minor units of a currency, as the suppliers subgraph quotes it. */
export interface QuotedPrice {
  amountCents: number;
  currency: string;
}

/** One supplier's current offer for a supply. */
export interface OfferListing {
  offerId: string;
  supplierId: string;
  stock: number;
  minimumOrderQuantity: number;
  unitPrice: QuotedPrice;
}

/** What the other subgraphs know of one supply: whether the catalog has it, and who offers it. */
export interface SupplyListing {
  supplyId: string;
  /** Whether the catalog knows the supply. */
  exists: boolean;
  offers: OfferListing[];
}

/**
 * Where `placeOrder` looks supplies and offers up before it writes an order. The HTTP implementation asks the
 * catalog and suppliers subgraphs; tests use an in-memory one.
 */
export interface SupplyDirectory {
  /**
   * Lists each of `supplyIds` (a listing per id, in any order). Throws `DirectoryUnavailableError` when a
   * subgraph cannot answer, so that no order is written on partial knowledge.
   */
  listSupplies(supplyIds: readonly string[]): Promise<Map<string, SupplyListing>>;
  /**
   * Takes the stock of every line from its offer atomically, or none of it: the suppliers subgraph checks and
   * decrements in one statement per offer, so concurrent orders never sell more than is in stock. Throws
   * `DirectoryUnavailableError` when the subgraph cannot answer.
   */
  takeStock(lines: readonly StockLine[]): Promise<TakeStockOutcome>;
  /** Gives back stock taken for an order that was then not written. */
  returnStock(lines: readonly StockLine[]): Promise<void>;
}

/** Units of one offer an order takes. */
export interface StockLine {
  offerId: string;
  quantity: number;
}

/** Whether the stock was taken; when not, none was, and `shortages` says what each short offer has. */
export type TakeStockOutcome = { ok: true } | { ok: false; shortages: { offerId: string; available: number }[] };

/** A subgraph the directory depends on did not answer (unreachable, timed out, or answered with errors). */
export class DirectoryUnavailableError extends Error {
  constructor(
    readonly subgraph: string,
    reason: string,
  ) {
    super(`The ${subgraph} subgraph is unavailable: ${reason}`);
    this.name = 'DirectoryUnavailableError';
  }
}

import type { SupplyListing } from '../directory/supplyDirectory';

/** Limits of one `placeOrder` call. */
export const PlaceOrderLimit = {
  /** Most lines one order may have. */
  MAX_LINES: 100,
  /** Longest note, in characters. */
  MAX_NOTE_LENGTH: 1000,
  /** Largest amount in cents an order or line total may reach (GraphQL `Int` is 32-bit). */
  MAX_AMOUNT_CENTS: 2_147_483_647,
} as const;

/** Currencies an order can be priced in (the `Currency` enum). */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface PlaceOrderLineInput {
  supplyId: string;
  supplierId: string;
  quantity: number;
}

export interface PlaceOrderInput {
  lines: PlaceOrderLineInput[];
  note?: string | null;
}

/**
 * Why an order cannot be placed, as a value the payload returns. `kind` is the GraphQL type name of the error and
 * `lineIndex` the zero-based index of the offending input line (null when the order as a whole is at fault).
 */
export type PlaceOrderProblem =
  | { kind: 'InvalidOrderError'; message: string; lineIndex: number | null }
  | { kind: 'UnknownSupplyError'; message: string; lineIndex: number; supplyId: string }
  | { kind: 'NoSuchOfferError'; message: string; lineIndex: number; supplyId: string; supplierId: string }
  | { kind: 'QuantityBelowMinimumError'; message: string; lineIndex: number; minimumOrderQuantity: number }
  | { kind: 'OutOfStockError'; message: string; lineIndex: number; available: number };

/** A line with the price of the offer it is placed against. */
export interface PricedLine extends PlaceOrderLineInput {
  /** The offer the line is placed against, whose stock it takes. */
  offerId: string;
  unitPrice: { amountCents: number; currency: Currency };
}

export type PricingResult =
  | { ok: true; lines: PricedLine[]; currency: Currency }
  | { ok: false; errors: PlaceOrderProblem[] };

const invalid = (message: string, lineIndex: number | null = null): PlaceOrderProblem => ({
  kind: 'InvalidOrderError',
  message,
  lineIndex,
});

/** Checks what can be checked without asking other subgraphs: line count, quantities, duplicates, the note. */
export function checkOrderShape(input: PlaceOrderInput): PlaceOrderProblem[] {
  const problems: PlaceOrderProblem[] = [];
  if (input.lines.length === 0) problems.push(invalid('An order needs at least one line.'));
  if (input.lines.length > PlaceOrderLimit.MAX_LINES) {
    problems.push(
      invalid(`An order may have at most ${PlaceOrderLimit.MAX_LINES} lines; it has ${input.lines.length}.`),
    );
  }
  if (input.note && input.note.length > PlaceOrderLimit.MAX_NOTE_LENGTH) {
    problems.push(invalid(`The note may have at most ${PlaceOrderLimit.MAX_NOTE_LENGTH} characters.`));
  }
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(invalid(`lines[${index}]: quantity must be at least 1; it was ${line.quantity}.`, index));
    }
    const pair = JSON.stringify([line.supplyId, line.supplierId]);
    if (seen.has(pair)) {
      problems.push(
        invalid(
          `lines[${index}]: ${line.supplyId} from ${line.supplierId} is already on an earlier line; merge the quantities.`,
          index,
        ),
      );
    }
    seen.add(pair);
  });
  return problems;
}

function isCurrency(currency: string): currency is Currency {
  return (CURRENCIES as readonly string[]).includes(currency);
}

/**
 * Prices each line against the offer of its supplier, as the directory lists them: the supply must exist, the
 * supplier must offer it, the quantity must reach the offer's minimum and not exceed its stock, and every line must
 * be in one currency. Returns every problem found, not just the first.
 */
export function priceOrder(
  lines: readonly PlaceOrderLineInput[],
  listings: ReadonlyMap<string, SupplyListing>,
): PricingResult {
  const problems: PlaceOrderProblem[] = [];
  const priced: PricedLine[] = [];
  lines.forEach((line, lineIndex) => {
    const listing = listings.get(line.supplyId);
    if (!listing?.exists) {
      problems.push({
        kind: 'UnknownSupplyError',
        message: `lines[${lineIndex}]: there is no supply ${line.supplyId} in the catalog.`,
        lineIndex,
        supplyId: line.supplyId,
      });
      return;
    }
    const offer = listing.offers.find((candidate) => candidate.supplierId === line.supplierId);
    if (!offer) {
      problems.push({
        kind: 'NoSuchOfferError',
        message: `lines[${lineIndex}]: supplier ${line.supplierId} does not offer ${line.supplyId}.`,
        lineIndex,
        supplyId: line.supplyId,
        supplierId: line.supplierId,
      });
      return;
    }
    if (line.quantity < offer.minimumOrderQuantity) {
      problems.push({
        kind: 'QuantityBelowMinimumError',
        message: `lines[${lineIndex}]: ${line.supplierId} sells ${line.supplyId} from ${offer.minimumOrderQuantity} units; ${line.quantity} were asked.`,
        lineIndex,
        minimumOrderQuantity: offer.minimumOrderQuantity,
      });
      return;
    }
    if (line.quantity > offer.stock) {
      problems.push({
        kind: 'OutOfStockError',
        message: `lines[${lineIndex}]: ${line.supplierId} has ${offer.stock} units of ${line.supplyId} in stock; ${line.quantity} were asked.`,
        lineIndex,
        available: offer.stock,
      });
      return;
    }
    const currency = offer.unitPrice.currency;
    if (!isCurrency(currency)) {
      problems.push(
        invalid(`lines[${lineIndex}]: the offer is priced in ${currency}, which orders do not take.`, lineIndex),
      );
      return;
    }
    priced.push({ ...line, offerId: offer.offerId, unitPrice: { amountCents: offer.unitPrice.amountCents, currency } });
  });
  const currency = priced[0]?.unitPrice.currency;
  if (problems.length > 0 || !currency) return { ok: false, errors: problems };
  const otherCurrency = priced.findIndex((line) => line.unitPrice.currency !== currency);
  if (otherCurrency >= 0) {
    return {
      ok: false,
      errors: [
        invalid(`lines[${otherCurrency}]: every line of an order must be priced in ${currency}.`, otherCurrency),
      ],
    };
  }
  const total = priced.reduce((sum, line) => sum + line.quantity * line.unitPrice.amountCents, 0);
  if (total > PlaceOrderLimit.MAX_AMOUNT_CENTS) {
    return {
      ok: false,
      errors: [invalid(`The order total exceeds ${PlaceOrderLimit.MAX_AMOUNT_CENTS} cents; split it.`)],
    };
  }
  return { ok: true, lines: priced, currency };
}

import type { Logger } from 'pino';
import type { OrdersDatabase } from '../db/database';
import { newOrderId, orderLineId } from '../db/orderIds';
import { type OrderLineRow, orderLines, type PurchaseOrderRow, purchaseOrders } from '../db/schema';
import { DirectoryUnavailableError, type SupplyDirectory } from '../directory/supplyDirectory';
import { OrdersError } from '../errors';
import { checkOrderShape, type PlaceOrderInput, type PlaceOrderProblem, priceOrder } from './validateOrder';

export interface PlaceOrderDependencies {
  db: OrdersDatabase;
  directory: SupplyDirectory;
  logger: Logger;
  /** Clock of the placement time. Default: now. */
  now?: () => Date;
}

/** Who places the order: a user, for their clinic. */
export interface Buyer {
  userId: string;
  clinicId: string;
}

/** A placed order with its lines, or why it was not placed. */
export type PlaceOrderResult =
  | { order: PurchaseOrderRow; lines: OrderLineRow[]; errors: [] }
  | { order: null; lines: []; errors: PlaceOrderProblem[] };

/** Runs a directory call; an unreachable subgraph becomes `SERVICE_UNAVAILABLE`, its details logged. */
async function unavailableAsError<T>(deps: PlaceOrderDependencies, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    deps.logger.warn({ err: error, subgraph: error.subgraph }, 'placeOrder: supply directory unavailable');
    // The details (URLs, upstream messages) go to the log, not to the client.
    throw new OrdersError(
      'SERVICE_UNAVAILABLE',
      `Orders cannot be placed right now: the ${error.subgraph} subgraph did not answer. Try again shortly.`,
      { subgraph: error.subgraph },
    );
  }
}

/**
 * Places an order for the buyer's clinic: checks its shape, looks its supplies up in the directory, prices each
 * line at its offer's unit price, takes the stock it sells from the suppliers (all lines or none, atomically) and
 * writes the order and its lines in one transaction, status SUBMITTED (giving the stock back if that write fails).
 * Invalid orders come back as problems; an unreachable directory is a `SERVICE_UNAVAILABLE` error, and then
 * nothing is written.
 */
export async function placeOrder(
  deps: PlaceOrderDependencies,
  buyer: Buyer,
  input: PlaceOrderInput,
): Promise<PlaceOrderResult> {
  const shapeProblems = checkOrderShape(input);
  if (shapeProblems.length > 0) return { order: null, lines: [], errors: shapeProblems };

  const listings = await unavailableAsError(deps, () =>
    deps.directory.listSupplies([...new Set(input.lines.map((line) => line.supplyId))]),
  );
  const pricing = priceOrder(input.lines, listings);
  if (!pricing.ok) return { order: null, lines: [], errors: pricing.errors };
  // The listing's stock was a snapshot; taking it is what decides, atomically, against concurrent orders.
  const stockLines = pricing.lines.map((line) => ({ offerId: line.offerId, quantity: line.quantity }));
  const taken = await unavailableAsError(deps, () => deps.directory.takeStock(stockLines));
  if (!taken.ok) {
    const available = new Map(taken.shortages.map((shortage) => [shortage.offerId, shortage.available]));
    const errors: PlaceOrderProblem[] = [];
    pricing.lines.forEach((line, lineIndex) => {
      const left = available.get(line.offerId);
      if (left === undefined) return;
      errors.push({
        kind: 'OutOfStockError',
        message: `lines[${lineIndex}]: ${line.supplierId} has ${left} units of ${line.supplyId} in stock; ${line.quantity} were asked.`,
        lineIndex,
        available: left,
      });
    });
    return { order: null, lines: [], errors };
  }

  const order: PurchaseOrderRow = {
    id: newOrderId(),
    clinicId: buyer.clinicId,
    placedById: buyer.userId,
    status: 'SUBMITTED',
    placedAt: (deps.now ?? (() => new Date()))(),
    currency: pricing.currency,
    note: input.note ?? null,
  };
  const lines: OrderLineRow[] = pricing.lines.map((line, k) => ({
    id: orderLineId(order.id, k + 1),
    orderId: order.id,
    position: k + 1,
    supplyId: line.supplyId,
    supplierId: line.supplierId,
    quantity: line.quantity,
    unitPriceCents: line.unitPrice.amountCents,
    currency: line.unitPrice.currency,
  }));
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(purchaseOrders).values(order);
      await tx.insert(orderLines).values(lines);
    });
  } catch (error) {
    // The order was not written: what it took goes back to the suppliers.
    await deps.directory.returnStock(stockLines).catch((returnError: unknown) => {
      deps.logger.error({ err: returnError, orderId: order.id, stockLines }, 'placeOrder: taken stock not returned');
    });
    throw error;
  }
  deps.logger.info({ orderId: order.id, clinicId: order.clinicId, lines: lines.length }, 'order placed');
  return { order, lines, errors: [] };
}

import type { Logger } from 'pino';
import type { OrdersDatabase } from '../db/database';
import { type OrderLineRow, orderLines, type PurchaseOrderRow, purchaseOrders } from '../db/schema';
import { newOrderId, orderLineId } from '../db/orderIds';
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

/**
 * Places an order for the buyer's clinic: checks its shape, looks its supplies up in the directory, prices each
 * line at its offer's unit price and writes the order and its lines in one transaction, status SUBMITTED.
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

  let listings: Awaited<ReturnType<SupplyDirectory['listSupplies']>>;
  try {
    listings = await deps.directory.listSupplies([...new Set(input.lines.map((line) => line.supplyId))]);
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
  const pricing = priceOrder(input.lines, listings);
  if (!pricing.ok) return { order: null, lines: [], errors: pricing.errors };

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
  await deps.db.transaction(async (tx) => {
    await tx.insert(purchaseOrders).values(order);
    await tx.insert(orderLines).values(lines);
  });
  deps.logger.info({ orderId: order.id, clinicId: order.clinicId, lines: lines.length }, 'order placed');
  return { order, lines, errors: [] };
}

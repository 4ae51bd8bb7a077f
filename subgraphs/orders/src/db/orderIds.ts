import { randomUUID } from 'node:crypto';

/** Id of a newly placed order; seeded orders keep the domain seed's `order_000001` ids. */
export function newOrderId(): string {
  return `order_${randomUUID()}`;
}

/** Id of the `position`-th line (from 1) of an order. */
export function orderLineId(orderId: string, position: number): string {
  return `${orderId}_${String(position).padStart(3, '0')}`;
}

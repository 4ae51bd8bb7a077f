import { domainSeed } from '@switchyard/demo-domain';
import { builder } from '../builder';
import type { OrderLineRow, PurchaseOrderRow } from '../db/schema';
import { Clinic } from './Clinic';
import { Money, moneyOf } from './Money';
import { OrderLine } from './OrderLine';
import { User } from './User';

const { ORDER_STATUSES } = domainSeed;
type OrderStatusValue = (typeof ORDER_STATUSES)[number];

// Keyed by the kit's ORDER_STATUSES, so a status added there fails to typecheck here until it is described.
const ORDER_STATUS_VALUES = {
  SUBMITTED: { description: 'Placed by the clinic, not yet confirmed by the suppliers.' },
  CONFIRMED: { description: 'Confirmed by the suppliers.' },
  SHIPPED: { description: 'On its way to the clinic.' },
  DELIVERED: { description: 'Received by the clinic.' },
  CANCELLED: { description: 'Cancelled; nothing will be delivered.' },
} as const satisfies Record<OrderStatusValue, { description: string }>;

export const OrderStatus = builder.enumType('OrderStatus', {
  description: 'Where a purchase order is in its life.',
  values: ORDER_STATUS_VALUES,
});

/** Reads a stored status; a value outside `ORDER_STATUSES` is a bug in what was stored. */
function orderStatusOf(order: PurchaseOrderRow): OrderStatusValue {
  const status = ORDER_STATUSES.find((candidate) => candidate === order.status);
  if (!status) throw new Error(`Order ${order.id} has unknown status ${order.status}.`);
  return status;
}

function totalCents(lines: OrderLineRow[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}

export const PurchaseOrder = builder.objectRef<PurchaseOrderRow>('PurchaseOrder');

PurchaseOrder.implement({
  description: 'A purchase order a clinic placed: supplies from one or more suppliers, with their prices fixed.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the order.', tag: ['partner'] }),
    clinic: t.field({
      type: Clinic,
      description: 'The clinic that placed the order.',
      resolve: (order) => ({ id: order.clinicId }),
    }),
    placedBy: t.field({
      type: User,
      description: 'The user who placed the order.',
      resolve: (order) => ({ id: order.placedById }),
    }),
    status: t.field({
      type: OrderStatus,
      description: 'Where the order is in its life.',
      tag: ['partner'],
      resolve: orderStatusOf,
    }),
    placedAt: t.string({
      description: 'When the order was placed, as an ISO-8601 timestamp.',
      tag: ['partner'],
      resolve: (order) => order.placedAt.toISOString(),
    }),
    note: t.exposeString('note', { nullable: true, description: 'Free-text note the buyer added, if any.' }),
    lines: t.field({
      type: [OrderLine],
      description: 'The lines of the order, in the order they were placed.',
      listSize: { assumedSize: 10 },
      resolve: (order, _args, { loaders }) => loaders.linesByOrder.load(order.id),
    }),
    lineCount: t.int({
      description: 'Number of lines of the order.',
      resolve: async (order, _args, { loaders }) => (await loaders.linesByOrder.load(order.id)).length,
    }),
    total: t.field({
      type: Money,
      description: 'Sum of the line totals.',
      requiresScopes: [['orders:read']],
      resolve: async (order, _args, { loaders }) =>
        moneyOf(totalCents(await loaders.linesByOrder.load(order.id)), order.currency),
    }),
    totalCents: t.int({
      nullable: true,
      description: 'Sum of the line totals in cents of the order currency.',
      deprecationReason: 'Use total.',
      // The same amount as total, so the same scope: a deprecated twin must not be a way around it.
      requiresScopes: [['orders:read']],
      resolve: async (order, _args, { loaders }) => totalCents(await loaders.linesByOrder.load(order.id)),
    }),
  }),
});

builder.asEntity(PurchaseOrder, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.order.load(ref.id),
});

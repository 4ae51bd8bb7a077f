import { builder } from '../builder';
import type { PlaceOrderProblem } from '../placement/validateOrder';

type ProblemOf<K extends PlaceOrderProblem['kind']> = Extract<PlaceOrderProblem, { kind: K }>;

export const PlaceOrderError = builder.interfaceRef<PlaceOrderProblem>('PlaceOrderError').implement({
  description: 'Why an order could not be placed. Nothing is written when any error is returned.',
  resolveType: (problem) => problem.kind,
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What is wrong and how to fix it, for people.' }),
    lineIndex: t.exposeInt('lineIndex', {
      nullable: true,
      description: 'Zero-based index of the input line at fault; null when the order as a whole is.',
    }),
  }),
});

builder.objectRef<ProblemOf<'InvalidOrderError'>>('InvalidOrderError').implement({
  description:
    'The order is malformed: no lines, too many lines, a quantity below 1, a repeated line or too long a note.',
  interfaces: [PlaceOrderError],
});

builder.objectRef<ProblemOf<'UnknownSupplyError'>>('UnknownSupplyError').implement({
  description: 'A line names a supply the catalog does not have.',
  interfaces: [PlaceOrderError],
  fields: (t) => ({
    supplyId: t.exposeID('supplyId', { description: 'The unknown supply id.' }),
  }),
});

builder.objectRef<ProblemOf<'NoSuchOfferError'>>('NoSuchOfferError').implement({
  description: 'The supplier of a line does not offer its supply.',
  interfaces: [PlaceOrderError],
  fields: (t) => ({
    supplyId: t.exposeID('supplyId', { description: 'The supply of the line.' }),
    supplierId: t.exposeID('supplierId', { description: 'The supplier that does not offer it.' }),
  }),
});

builder.objectRef<ProblemOf<'QuantityBelowMinimumError'>>('QuantityBelowMinimumError').implement({
  description: "A line's quantity is below the minimum its offer accepts.",
  interfaces: [PlaceOrderError],
  fields: (t) => ({
    minimumOrderQuantity: t.exposeInt('minimumOrderQuantity', { description: 'Fewest units the offer sells.' }),
  }),
});

builder.objectRef<ProblemOf<'OutOfStockError'>>('OutOfStockError').implement({
  description: 'A line asks for more units than the supplier has in stock.',
  interfaces: [PlaceOrderError],
  fields: (t) => ({
    available: t.exposeInt('available', { description: 'Units the supplier has in stock now.' }),
  }),
});

import { builder } from '../builder';
import type { SupplyRow } from '../db/schema';
import { SupplyCategory, toSupplyCategory } from './SupplyCategory';

/** A supply of the catalog; the suppliers subgraph adds its offers, the orders subgraph references it. */
export const Supply = builder.objectRef<SupplyRow>('Supply').implement({
  description: 'A medical supply a clinic can buy, as the catalog describes it. Suppliers make offers for it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supply.' }),
    sku: t.exposeString('sku', {
      description: 'Stock keeping unit: the code buyers and suppliers quote.',
      tag: ['partner'],
    }),
    code: t.exposeString('sku', {
      description: 'The stock keeping unit under its old name.',
      deprecationReason: 'Use sku.',
    }),
    name: t.exposeString('name', { description: 'Display name, with the size or variant.', tag: ['partner'] }),
    category: t.field({
      type: SupplyCategory,
      description: 'The kind of supply.',
      tag: ['partner'],
      resolve: (supply) => toSupplyCategory(supply.category),
    }),
    unit: t.exposeString('unit', { description: 'What one pack is sold as: box, pack or each.', tag: ['partner'] }),
    packSize: t.exposeInt('packSize', { description: 'Units per pack.' }),
    description: t.exposeString('description', { description: 'Longer description for buyers.' }),
  }),
});

builder.asEntity(Supply, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.supply.load(ref.id),
});

import { checkPageSize } from '@switchyard/subgraph-kit';
import { builder } from '../builder';
import type { SupplierRow } from '../db/schema';
import { Offer } from './Offer';

export const Supplier = builder.objectRef<SupplierRow>('Supplier');

/** A company that sells supplies to clinics. */
Supplier.implement({
  description: 'A company that sells medical supplies to clinics through offers.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supplier.' }),
    name: t.exposeString('name', { description: 'Trading name of the supplier.' }),
    country: t.exposeString('country', { description: 'ISO-3166 code of the country the supplier ships from.' }),
    rating: t.exposeFloat('rating', { description: 'Average buyer rating, from 1.0 to 5.0.' }),
    offers: t.field({
      type: [Offer],
      description: 'The first offers of this supplier, by id (loaded in one batch for all suppliers).',
      listSize: { slicingArguments: ['first'] },
      args: {
        first: t.arg.int({
          defaultValue: 20,
          description: 'How many offers to return, at most the configured page size.',
        }),
      },
      resolve: (supplier, args, { loaders, maxPageSize }) =>
        loaders.offersBySupplier.load({ supplierId: supplier.id, first: checkPageSize(args.first ?? 20, maxPageSize) }),
    }),
  }),
});

builder.asEntity(Supplier, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.supplier.load(ref.id),
});

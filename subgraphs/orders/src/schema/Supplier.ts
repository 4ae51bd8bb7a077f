import { builder } from '../builder';

/** A supplier of the suppliers subgraph, referenced by id; orders adds no fields to it. */
export const Supplier = builder.externalRef(
  'Supplier',
  builder.keyDirective(builder.selection<{ id: string }>('id'), false),
);

Supplier.implement({
  description: 'A company that sells medical supplies to clinics through offers.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supplier.' }),
  }),
});

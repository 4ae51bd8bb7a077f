import { builder } from '../builder';

/** A supply of the catalog subgraph, referenced by id; orders adds no fields to it. */
export const Supply = builder.externalRef(
  'Supply',
  builder.keyDirective(builder.selection<{ id: string }>('id'), false),
);

Supply.implement({
  // The owner's (catalog) description, so composition has nothing to reconcile.
  description: 'A medical supply a clinic can buy, as the catalog describes it. Suppliers make offers for it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supply.' }),
  }),
});

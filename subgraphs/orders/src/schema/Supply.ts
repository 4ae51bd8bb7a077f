import { builder } from '../builder';

/** A supply of the catalog subgraph, referenced by id; orders adds no fields to it. */
export const Supply = builder.externalRef(
  'Supply',
  builder.keyDirective(builder.selection<{ id: string }>('id'), false),
);

Supply.implement({
  description: 'A medical supply of the catalog, as order lines reference it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supply.' }),
  }),
});

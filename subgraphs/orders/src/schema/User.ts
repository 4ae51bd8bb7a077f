import { builder } from '../builder';

/** A user of the accounts subgraph, referenced by id; orders adds no fields to it. */
export const User = builder.externalRef('User', builder.keyDirective(builder.selection<{ id: string }>('id'), false));

User.implement({
  description: 'A person who signs in on behalf of one clinic.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the user.' }),
  }),
});

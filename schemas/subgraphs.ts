import { schema as accounts } from '@switchyard/accounts';
import { schema as catalog } from '@switchyard/catalog';
import { schema as orders } from '@switchyard/orders';
import { schema as suppliers } from '@switchyard/suppliers';
import type { GraphQLSchema } from 'graphql';

/**
 * Our four domain subgraphs, with the routing URL each has in the checked-in supergraph (`npm start`'s ports),
 * in an order that composes at every step when published one by one to an empty variant: suppliers' only
 * mutation (`takeStock`, orders' own) is `@inaccessible`, so suppliers composes only once orders' public
 * `Mutation` fields are there.
 */
export const ourSubgraphs: { name: string; schema: GraphQLSchema; url: string }[] = [
  { name: 'accounts', schema: accounts, url: 'http://127.0.0.1:4001/graphql' },
  { name: 'catalog', schema: catalog, url: 'http://127.0.0.1:4002/graphql' },
  { name: 'orders', schema: orders, url: 'http://127.0.0.1:4004/graphql' },
  { name: 'suppliers', schema: suppliers, url: 'http://127.0.0.1:4003/graphql' },
];

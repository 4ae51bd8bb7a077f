import type { LinkedSubgraphVersion } from '../../repositories/supergraphVersionRepository';
import { builder } from '../builder';
import { SubgraphVersionRef } from './SubgraphVersion';

export const SubgraphRef = builder.objectRef<LinkedSubgraphVersion>('Subgraph').implement({
  description: 'A subgraph of the served supergraph.',
  fields: (t) => ({
    name: t.string({ resolve: (subgraph) => subgraph.subgraph }),
    url: t.exposeString('url'),
    owner: t.exposeString('owner', { nullable: true }),
    latest: t.field({
      type: SubgraphVersionRef,
      nullable: true,
      description: 'The version composed into the served supergraph.',
      resolve: (subgraph) => subgraph,
    }),
  }),
});

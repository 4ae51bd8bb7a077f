import type { LinkedSubgraphVersion } from '../../repositories/supergraphVersionRepository';
import { builder } from '../builder';

export const SubgraphVersionRef = builder.objectRef<LinkedSubgraphVersion>('SubgraphVersion').implement({
  description: 'One immutable published SDL of a subgraph.',
  fields: (t) => ({
    id: t.exposeID('id'),
    subgraph: t.exposeString('subgraph'),
    url: t.exposeString('url'),
    sdl: t.exposeString('sdl'),
    hash: t.exposeString('hash'),
    author: t.exposeString('author', { nullable: true }),
    commit: t.exposeString('commit', { nullable: true }),
    createdAt: t.string({ resolve: (version) => version.createdAt.toISOString() }),
  }),
});

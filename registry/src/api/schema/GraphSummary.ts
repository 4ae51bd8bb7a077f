import type { GraphSummary } from '../../graphs/manageGraphs';
import { builder } from '../builder';

export const GraphSummaryRef = builder.objectRef<GraphSummary>('GraphSummary').implement({
  description: 'A graph the token can read, with its variants.',
  fields: (t) => ({
    name: t.exposeString('name'),
    variants: t.exposeStringList('variants', { description: 'Variant names, sorted.' }),
  }),
});

export const GraphDeletionRef = builder.objectRef<{ graph: GraphSummary; tokens: number }>('GraphDeletion').implement({
  description: 'What deleting a graph removed.',
  fields: (t) => ({
    graph: t.field({ type: GraphSummaryRef, resolve: (deletion) => deletion.graph }),
    deletedTokens: t.exposeInt('tokens', { description: 'Tokens bound to the graph, deleted with it.' }),
  }),
});

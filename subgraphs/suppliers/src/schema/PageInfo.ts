import type { Page } from '@switchyard/subgraph-kit';
import { builder } from '../builder';

/**
 * Where a page of a connection ends. `@shareable`: the catalog subgraph defines the identical type.
 */
export const PageInfo = builder.objectRef<Page<unknown>['pageInfo']>('PageInfo').implement({
  description: 'Where a page of a connection ends, and whether another page follows.',
  shareable: true,
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last item of this page, to pass as `after`; null when the page is empty.',
    }),
  }),
});

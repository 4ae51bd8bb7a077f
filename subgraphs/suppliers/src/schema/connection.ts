import type { ObjectRef } from '@pothos/core';
import type { Page } from '@switchyard/subgraph-kit';
import { builder } from '../builder';
import { PageInfo } from './PageInfo';

/**
 * Defines `<Name>Edge` and `<Name>Connection` (Relay style: `edges { cursor node }`, `pageInfo`, `totalCount`) for
 * a node type; `noun` is the plural used in descriptions ("supplies").
 */
export function connectionType<T>(name: string, node: ObjectRef<typeof builder.$inferSchemaTypes, T>, noun: string) {
  const Edge = builder.objectRef<Page<T>['edges'][number]>(`${name}Edge`).implement({
    description: `One of the ${noun} of a page, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description: 'Opaque position of this item; pass it as `after` to continue.',
      }),
      node: t.expose('node', { type: node, description: 'The item itself.' }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    description: `A page of ${noun}, in a stable order.`,
    fields: (t) => ({
      edges: t.field({ type: [Edge], description: `The ${noun} of this page.`, resolve: (page) => page.edges }),
      pageInfo: t.field({ type: PageInfo, description: 'Where this page ends.', resolve: (page) => page.pageInfo }),
      totalCount: t.exposeInt('totalCount', { description: `How many ${noun} match, over all pages.` }),
    }),
  });
}

import type { SupergraphVersionRow } from '../../db/schema';
import {
  findIntroducedSubgraphVersions,
  findLinkedSubgraphVersions,
  findSchemaChangesOf,
} from '../../repositories/supergraphVersionRepository';
import { builder } from '../builder';
import { SchemaChangeRef } from './SchemaChange';
import { SubgraphVersionRef } from './SubgraphVersion';

export const SupergraphVersionRef = builder.objectRef<SupergraphVersionRow>('SupergraphVersion').implement({
  description: 'A composed supergraph of a variant; versions count up from 1 with no gaps.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    hash: t.exposeString('hash', { description: 'sha256 of the supergraph SDL; the supergraph endpoint ETag.' }),
    createdAt: t.string({ resolve: (version) => version.createdAt.toISOString() }),
    supergraphSdl: t.exposeString('supergraphSdl'),
    apiSchemaSdl: t.exposeString('apiSdl'),
    changes: t.field({
      type: [SchemaChangeRef],
      description: 'Changes of the API schema against the previous version.',
      resolve: async (version, _args, context) =>
        (await findSchemaChangesOf(context.db, [version.id])).get(version.id) ?? [],
    }),
    changelog: t.exposeString('changelog', { description: 'Markdown changelog for API consumers.' }),
    subgraphs: t.field({
      type: [SubgraphVersionRef],
      description: 'The exact subgraph versions this supergraph was composed from.',
      resolve: (version, _args, context) => findLinkedSubgraphVersions(context.db, version.id),
    }),
    published: t.field({
      type: [SubgraphVersionRef],
      description:
        'The subgraph versions this version brought in (the publish behind it, with its author and commit); empty for a rollback.',
      resolve: (version, _args, context) => findIntroducedSubgraphVersions(context.db, version),
    }),
    rolledBackFrom: t.exposeInt('rolledBackFrom', {
      nullable: true,
      description: 'When this version was made by a rollback: the earlier version whose content it restores.',
    }),
  }),
});

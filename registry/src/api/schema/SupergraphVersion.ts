import type { SupergraphVersionRow } from '../../db/schema';
import { defaultCheckUsage } from '../../publishing/usageAwareChecks';
import { usageOfVersionChanges, type VersionChangeUsage } from '../../publishing/versionChangeUsage';
import {
  findIntroducedSubgraphVersions,
  findLinkedSubgraphVersions,
  findSchemaChangesOf,
  findSupergraphVersion,
} from '../../repositories/supergraphVersionRepository';
import { builder } from '../builder';
import { ChangeUsageRef, SchemaChangeRef } from './SchemaChange';
import { SubgraphVersionRef } from './SubgraphVersion';

const VersionChangeUsageRef = builder.objectRef<VersionChangeUsage>('VersionChangeUsage').implement({
  description: "Who used what one of a version's breaking or dangerous changes affects, in the check window before it.",
  fields: (t) => ({
    changeId: t.exposeID('changeId', { description: 'The `id` of the change in `changes`.' }),
    coordinates: t.exposeStringList('coordinates', {
      description: 'The coordinates it affects, read in the API schema served before the version.',
    }),
    usage: t.field({
      type: ChangeUsageRef,
      description: 'Requests, client versions and operations in the window; `percent` is null here.',
      resolve: (entry) => entry.usage,
    }),
  }),
});

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
    changeUsage: t.field({
      type: [VersionChangeUsageRef],
      description:
        'For each breaking and dangerous change, the clients, versions and operations that used what it affects in the check window (`CHECK_USAGE_WINDOW`, default 7d) that ended when this version was made.',
      resolve: async (version, _args, context) => {
        const changes = (await findSchemaChangesOf(context.db, [version.id])).get(version.id) ?? [];
        const previous =
          version.version > 1
            ? await findSupergraphVersion(context.db, version.variantId, version.version - 1)
            : undefined;
        return usageOfVersionChanges(context.db, {
          variantId: version.variantId,
          changes,
          previousApiSdl: previous?.apiSdl ?? version.apiSdl,
          createdAt: version.createdAt,
          usageWindow: (context.checkUsage ?? defaultCheckUsage).usageWindow,
        });
      },
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

import type { SchemaChange } from '../../changes/types';
import { Criticality } from '../../changes/types';
import type { ChangeUsage } from '../../publishing/usageAwareChecks';
import { builder } from '../builder';
import { CriticalityEnum } from './enums';
import { ClientVersionUsageRef } from './UsageTypes';

/** A schema change, with what a usage-aware check adds to it (absent outside checks). */
type ReportedChange = SchemaChange & { blocking?: boolean; usage?: ChangeUsage | null };

const ChangeOperationUsageRef = builder.objectRef<ChangeUsage['operations'][number]>('ChangeOperationUsage').implement({
  description: 'An operation using what a breaking change affects.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: 'Null for anonymous operations.' }),
    signature: t.exposeString('signature'),
    requests: t.expose('requests', { type: 'Count', description: 'Its requests in the check window.' }),
  }),
});

const PersistedDocumentUseRef = builder
  .objectRef<NonNullable<ChangeUsage['documents']>[number]>('PersistedDocumentUse')
  .implement({
    description: 'A persisted document of a published client version that selects what a breaking change affects.',
    fields: (t) => ({
      client: t.exposeString('client'),
      clientVersion: t.exposeString('clientVersion'),
      id: t.exposeString('id', { description: 'The document id clients send.' }),
      name: t.exposeString('name', { nullable: true, description: 'Operation name; null for anonymous ones.' }),
    }),
  });

export const ChangeUsageRef = builder.objectRef<ChangeUsage>('ChangeUsage').implement({
  description: "Who used what a breaking change affects in the check's usage window (excluded clients left out).",
  fields: (t) => ({
    requests: t.expose('requests', { type: 'Count', description: 'Requests of the busiest affected coordinate.' }),
    percent: t.exposeFloat('percent', {
      nullable: true,
      description: "requests as a share of the variant's requests in the window, in percent; null without traffic.",
    }),
    clients: t.field({
      type: [ClientVersionUsageRef],
      resolve: (usage) => usage.clients.map((client) => ({ ...client, lastSeen: null })),
    }),
    operations: t.field({ type: [ChangeOperationUsageRef], resolve: (usage) => usage.operations }),
    excludedClients: t.exposeStringList('excludedClients', {
      description: 'Excluded clients that used what the change affects in the window (not counted above).',
    }),
    documents: t.field({
      type: [PersistedDocumentUseRef],
      description:
        'Persisted documents of published client versions selecting what the change affects; any of them blocks the check, with or without traffic.',
      resolve: (usage) => usage.documents ?? [],
    }),
  }),
});

export const SchemaChangeRef = builder.objectRef<ReportedChange>('SchemaChange').implement({
  description: 'One change of the API schema, with what to do about it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable hash of the change type and coordinate.' }),
    type: t.exposeString('type', { description: 'graphql-inspector change type, e.g. FIELD_REMOVED.' }),
    criticality: t.field({ type: CriticalityEnum, resolve: (change) => change.criticality }),
    coordinate: t.exposeString('coordinate', { description: 'Schema coordinate, e.g. User.email.' }),
    message: t.exposeString('message'),
    blocking: t.boolean({
      description:
        'Whether the change fails a check: in checks, breaking changes still in use (or, in strict mode, not deprecated first); elsewhere every breaking change.',
      resolve: (change) => change.blocking ?? change.criticality === Criticality.BREAKING,
    }),
    usage: t.field({
      type: ChangeUsageRef,
      nullable: true,
      description: 'In checks, usage of what a breaking change affects; null otherwise.',
      resolve: (change) => change.usage ?? null,
    }),
  }),
});

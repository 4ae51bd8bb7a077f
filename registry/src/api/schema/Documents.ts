import { AuditAction, AuditOutcome } from '../../audit/AuditAction';
import { audited } from '../../audit/audited';
import type { DocumentManifestRow } from '../../db/schema';
import { deleteDocumentManifests, listDocumentManifests } from '../../documents/manageManifests';
import { type PublishDocumentsResult, publishDocuments } from '../../documents/publishDocuments';
import type { InvalidDocument } from '../../documents/validateDocuments';
import { assertGraphVariant } from '../../publishing/validateInput';
import { listManifestDocuments, type StoredDocument } from '../../repositories/persistedDocumentRepository';
import { assertCanPublishDocuments, assertCanRead } from '../../tokens/access';
import { builder } from '../builder';

const PersistedDocumentRef = builder.objectRef<StoredDocument>('PersistedDocument').implement({
  description: 'One document of a client version, as gateways serve it by id.',
  fields: (t) => ({
    id: t.exposeString('documentId'),
    operationName: t.exposeString('operationName', { nullable: true }),
    operationType: t.exposeString('operationType', { nullable: true }),
    body: t.exposeString('body'),
    coordinates: t.exposeStringList('coordinates', {
      description: 'Schema coordinates it selects: what a breaking change to them would break.',
    }),
  }),
});

const DocumentManifestRef = builder.objectRef<DocumentManifestRow>('DocumentManifest').implement({
  description: 'The persisted documents one client version ships, for one variant.',
  fields: (t) => ({
    client: t.exposeString('clientName'),
    clientVersion: t.exposeString('clientVersion'),
    documentCount: t.exposeInt('documentCount'),
    publishedAt: t.string({ resolve: (manifest) => manifest.publishedAt.toISOString() }),
    documents: t.field({
      type: [PersistedDocumentRef],
      resolve: (manifest, _args, context) => listManifestDocuments(context.db, manifest.id),
    }),
  }),
});

const InvalidDocumentRef = builder.objectRef<InvalidDocument>('InvalidDocument').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name', { nullable: true }),
    messages: t.exposeStringList('messages'),
  }),
});

const PublishDocumentsResultRef = builder.objectRef<PublishDocumentsResult>('PublishDocumentsResult').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'False when any document is invalid; nothing is stored then.' }),
    message: t.exposeString('message'),
    client: t.exposeString('client'),
    clientVersion: t.exposeString('clientVersion'),
    documents: t.exposeInt('documents', { description: 'Documents stored.' }),
    replaced: t.exposeBoolean('replaced', { description: "Whether it replaced the version's previous manifest." }),
    invalid: t.field({ type: [InvalidDocumentRef], resolve: (result) => result.invalid }),
  }),
});

const PublishDocumentsInput = builder.inputType('PublishDocumentsInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ required: true }),
    client: t.string({
      required: true,
      description: 'Client name, as its requests name it (apollographql-client-name).',
    }),
    clientVersion: t.string({ required: true }),
    manifest: t.string({
      required: true,
      description:
        'The manifest text: Apollo\'s {"format":"apollo-persisted-query-manifest","version":1,"operations":[…]} or a plain {"<id>": "<document>"} map.',
    }),
  }),
});

builder.queryFields((t) => ({
  documentManifests: t.field({
    type: [DocumentManifestRef],
    description: "A variant's persisted document manifests, by client and version.",
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      client: t.arg.string(),
      clientVersion: t.arg.string(),
    },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      return listDocumentManifests(context.db, args);
    },
  }),
}));

builder.mutationFields((t) => ({
  publishDocuments: t.field({
    type: PublishDocumentsResultRef,
    description:
      "Publishes a client version's persisted documents, each validated against the served supergraph; replaces the version's previous manifest.",
    args: { input: t.arg({ type: PublishDocumentsInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertGraphVariant(input);
      const { graph, variant, client, clientVersion } = input;
      return audited(
        context,
        { action: AuditAction.DOCUMENTS_PUBLISH, graph, variant, details: { client, clientVersion } },
        () => {
          assertCanPublishDocuments(context.principal, graph);
          return publishDocuments(context.db, input, context.documentLimits);
        },
        (result) => ({
          outcome: result.ok ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
          code: result.ok ? null : 'INVALID_DOCUMENTS',
          message: result.message,
          details: { documents: result.documents, invalid: result.invalid.map((document) => document.id) },
        }),
      );
    },
  }),
  deleteDocuments: t.field({
    type: [DocumentManifestRef],
    description:
      "Retires a client version's persisted documents (every version of the client without clientVersion): gateways stop serving them and checks stop protecting what they use.",
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      client: t.arg.string({ required: true }),
      clientVersion: t.arg.string(),
    },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        {
          action: AuditAction.DOCUMENTS_DELETE,
          graph: args.graph,
          variant: args.variant,
          details: { client: args.client, clientVersion: args.clientVersion ?? null },
        },
        () => {
          assertCanPublishDocuments(context.principal, args.graph);
          return deleteDocumentManifests(context.db, args);
        },
        (deleted) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Deleted the persisted documents of ${deleted.map((manifest) => `${manifest.clientName} ${manifest.clientVersion}`).join(', ')} from ${args.graph}@${args.variant}.`,
        }),
      );
    },
  }),
}));

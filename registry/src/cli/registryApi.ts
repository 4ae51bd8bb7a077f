import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { CliError, CliErrorCode } from './CliError';
import { ContractsQuery, CreateContractMutation, DeleteContractMutation } from './contractOperations';
import type { SelectsOnlySchemaFields, VariablesOf } from './graphql';
import {
  AuditQuery,
  CheckMutation,
  ChecksQuery,
  CreateGraphMutation,
  CreateTokenMutation,
  DeleteDocumentsMutation,
  DeleteGraphMutation,
  DeleteSlaTargetMutation,
  DeleteSubgraphMutation,
  DeleteVariantMutation,
  DiffQuery,
  DocumentManifestDocumentsQuery,
  DocumentManifestsQuery,
  GraphsQuery,
  PublishDocumentsMutation,
  PublishMutation,
  RevokeTokenMutation,
  RollbackMutation,
  SetSlaTargetMutation,
  SlaTargetsQuery,
  SubgraphsQuery,
  TokensQuery,
  UsageClientsQuery,
  UsageDeprecatedFieldsQuery,
  UsageFieldsQuery,
  UsageOperationsQuery,
  UsageSlaQuery,
  UsageSubgraphFetchesQuery,
  UsageUnusedFieldsQuery,
  VersionQuery,
  VersionsQuery,
} from './registryOperations';
import {
  CreateWebhookMutation,
  DeleteWebhookMutation,
  TestWebhookMutation,
  WebhookDeliveriesQuery,
  WebhooksQuery,
} from './webhookOperations';

export type {
  ChangeUsage,
  CostChange,
  FieldUsage,
  PublishResult,
  SchemaChange,
  SchemaError,
  SlaTarget,
  Token,
  TokenScope,
} from './registryOperations';

/** Which graph and variant a call is about. */
export interface VariantRef {
  graph: string;
  variant: string;
}
/** The window of a usage query: `since` a duration (`7d`) or ISO timestamp, `until` ISO (default now). */
export interface UsageRange {
  since?: string;
  until?: string;
}

/** Options of `createRegistryApi`. */
export interface RegistryApiOptions {
  /** Base URL of the registry, e.g. `http://localhost:4100`. */
  url: string;
  /** Bearer token sent with every call. */
  token?: string;
  /** The fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one call. Default 30 000 ms (composition of a big graph takes a while). */
  timeoutMs?: number;
}

/**
 * A small typed client for the registry's GraphQL API (`POST {url}/graphql`), one method per operation the CLI
 * runs. Throws `CliError` `CONNECTION_FAILED` when the registry cannot be reached, and `REGISTRY_ERROR` (with the
 * GraphQL error's `extensions.code`) when it refuses the call.
 */
export function createRegistryApi(options: RegistryApiOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const endpoint = graphqlEndpoint(options.url);

  async function call<Result, Variables>(
    document: TadaDocumentNode<Result, Variables> & SelectsOnlySchemaFields<Result>,
    variables: Variables,
  ): Promise<Result> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: print(document), variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliError(
        CliErrorCode.CONNECTION_FAILED,
        `Could not reach the registry at ${endpoint.origin} (${reason}).`,
      );
    }
    const text = await response.text();
    let body: GraphQLResponse;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(
        CliErrorCode.CONNECTION_FAILED,
        `${endpoint.href} answered ${response.status} with something that is not a GraphQL response; is --registry right?`,
      );
    }
    const [error] = body.errors ?? [];
    if (error) {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
      throw new CliError(
        CliErrorCode.REGISTRY_ERROR,
        `The registry refused the request: ${error.message} (${code})`,
        code,
      );
    }
    if (!body.data) {
      throw new CliError(CliErrorCode.CONNECTION_FAILED, `${endpoint.href} answered ${response.status} without data.`);
    }
    return body.data as Result;
  }

  return {
    async publishSubgraph(input: VariablesOf<typeof PublishMutation>['input']) {
      return (await call(PublishMutation, { input })).publishSubgraph;
    },
    async checkSubgraph(input: VariablesOf<typeof CheckMutation>['input']) {
      return (await call(CheckMutation, { input })).checkSubgraph;
    },
    async checks(query: VariablesOf<typeof ChecksQuery>) {
      return (await call(ChecksQuery, query)).checks;
    },
    async deleteSubgraph(input: VariablesOf<typeof DeleteSubgraphMutation>) {
      return (await call(DeleteSubgraphMutation, input)).deleteSubgraph;
    },
    async subgraphs(ref: VariantRef) {
      return (await call(SubgraphsQuery, ref)).subgraphs;
    },
    async supergraphVersion(ref: VariablesOf<typeof VersionQuery>) {
      return (await call(VersionQuery, ref)).supergraphVersion;
    },
    async supergraphVersions(ref: VariablesOf<typeof VersionsQuery>) {
      return (await call(VersionsQuery, ref)).supergraphVersions;
    },
    async diff(ref: VariablesOf<typeof DiffQuery>) {
      return (await call(DiffQuery, ref)).diff;
    },
    async rollbackSupergraph(ref: VariablesOf<typeof RollbackMutation>) {
      return (await call(RollbackMutation, ref)).rollbackSupergraph;
    },
    async auditLog(query: VariablesOf<typeof AuditQuery>) {
      return (await call(AuditQuery, query)).auditLog;
    },
    async graphs() {
      return (await call(GraphsQuery, {})).graphs;
    },
    async createGraph(ref: VariantRef) {
      return (await call(CreateGraphMutation, ref)).createGraph;
    },
    async deleteGraph(graph: string) {
      return (await call(DeleteGraphMutation, { graph })).deleteGraph;
    },
    async deleteVariant(ref: VariantRef) {
      return (await call(DeleteVariantMutation, ref)).deleteVariant;
    },
    async contracts(graph: string) {
      return (await call(ContractsQuery, { graph })).contracts;
    },
    async createContract(input: VariablesOf<typeof CreateContractMutation>['input']) {
      return (await call(CreateContractMutation, { input })).createContract;
    },
    async deleteContract(ref: VariantRef) {
      return (await call(DeleteContractMutation, ref)).deleteContract;
    },
    async webhooks(query: VariablesOf<typeof WebhooksQuery>) {
      return (await call(WebhooksQuery, query)).webhooks;
    },
    async createWebhook(input: VariablesOf<typeof CreateWebhookMutation>['input']) {
      return (await call(CreateWebhookMutation, { input })).createWebhook;
    },
    async deleteWebhook(ref: VariablesOf<typeof DeleteWebhookMutation>) {
      return (await call(DeleteWebhookMutation, ref)).deleteWebhook;
    },
    async testWebhook(ref: VariablesOf<typeof TestWebhookMutation>) {
      return (await call(TestWebhookMutation, ref)).testWebhook;
    },
    async webhookDeliveries(query: VariablesOf<typeof WebhookDeliveriesQuery>) {
      return (await call(WebhookDeliveriesQuery, query)).webhookDeliveries;
    },
    async publishDocuments(input: VariablesOf<typeof PublishDocumentsMutation>['input']) {
      return (await call(PublishDocumentsMutation, { input })).publishDocuments;
    },
    async documentManifests(ref: VariantRef & { client?: string; clientVersion?: string }) {
      return (await call(DocumentManifestsQuery, ref)).documentManifests;
    },
    async documentManifestDocuments(ref: VariantRef & { client: string; clientVersion: string }) {
      return (await call(DocumentManifestDocumentsQuery, ref)).documentManifests;
    },
    async deleteDocuments(ref: VariantRef & { client: string; clientVersion?: string }) {
      return (await call(DeleteDocumentsMutation, ref)).deleteDocuments;
    },
    async createToken(input: VariablesOf<typeof CreateTokenMutation>['input']) {
      return (await call(CreateTokenMutation, { input })).createToken;
    },
    async revokeToken(id: string) {
      return (await call(RevokeTokenMutation, { id })).revokeToken;
    },
    async tokens() {
      return (await call(TokensQuery, {})).tokens;
    },
    async usageFields(ref: VariantRef & UsageRange) {
      return (await call(UsageFieldsQuery, ref)).usageFields;
    },
    async usageUnusedFields(ref: VariantRef & UsageRange) {
      return (await call(UsageUnusedFieldsQuery, ref)).usageUnusedFields;
    },
    async usageDeprecatedFields(ref: VariantRef & UsageRange) {
      return (await call(UsageDeprecatedFieldsQuery, ref)).usageDeprecatedFields;
    },
    async usageClients(ref: VariantRef & UsageRange) {
      return (await call(UsageClientsQuery, ref)).usageClients;
    },
    async usageOperations(ref: VariantRef & UsageRange) {
      return call(UsageOperationsQuery, ref);
    },
    async usageSubgraphFetches(ref: VariantRef & UsageRange) {
      return call(UsageSubgraphFetchesQuery, ref);
    },
    async usageSla(ref: VariantRef & UsageRange) {
      return (await call(UsageSlaQuery, ref)).usageSla;
    },
    async setSlaTarget(input: VariablesOf<typeof SetSlaTargetMutation>['input']) {
      return (await call(SetSlaTargetMutation, { input })).setSlaTarget;
    },
    async deleteSlaTarget(input: VariablesOf<typeof DeleteSlaTargetMutation>) {
      return (await call(DeleteSlaTargetMutation, input)).deleteSlaTarget;
    },
    async slaTargets(ref: VariantRef) {
      return (await call(SlaTargetsQuery, ref)).slaTargets;
    },
  };
}

/** The registry API client `createRegistryApi` returns. */
export type RegistryApi = ReturnType<typeof createRegistryApi>;

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

function graphqlEndpoint(url: string): URL {
  try {
    return new URL('graphql', url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new CliError(CliErrorCode.USAGE, `--registry must be a URL such as http://localhost:4100, got "${url}".`);
  }
}

import { CliError, CliErrorCode } from './CliError';

/** The API's `Criticality` enum. */
export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';
/** How a publish or delete ended. */
export type PublishStatus = 'PUBLISHED' | 'UNCHANGED' | 'INVALID_SDL' | 'COMPOSITION_FAILED' | 'BLOCKED_BY_USAGE';
/** What a token may do. */
export type TokenScope = 'ADMIN' | 'PUBLISH' | 'READ' | 'REPORT';

/** One API schema change, as the registry reports it. */
export interface SchemaChange {
  id: string;
  type: string;
  criticality: Criticality;
  coordinate: string;
  message: string;
  /** In checks: whether the change fails the check. */
  blocking?: boolean;
  /** In checks: who used what a breaking change affects in the usage window. */
  usage?: ChangeUsage | null;
}
/** Who used what a breaking change affects, in a check's usage window. */
export interface ChangeUsage {
  requests: number;
  /** Share of the variant's requests, in percent; null without traffic. */
  percent: number | null;
  clients: { name: string; version: string; requests: number }[];
  operations: { name: string | null; signature: string; requests: number }[];
  /** Excluded clients that used it too (not counted above). */
  excludedClients?: string[];
}
/** Usage of one schema element (`usage fields`, `usage unused`). */
export interface FieldUsage {
  coordinate: string;
  kind: string;
  deprecated: boolean;
  deprecationReason: string | null;
  requests: number;
  operations: number;
  clients: number;
  firstSeen: string | null;
  lastSeen: string | null;
  trend: { direction: string; current: number; previous: number; changePercent: number | null };
}
/** A deprecated element still in use (`usage deprecated`). */
export interface DeprecatedFieldUsage {
  coordinate: string;
  deprecationReason: string | null;
  requests: number;
  lastSeen: string | null;
  clients: { name: string; version: string; requests: number; lastSeen: string | null }[];
  forecastZeroDate: string | null;
}
/** One operation's usage (`usage operations`). */
export interface OperationUsage {
  signature: string;
  name: string | null;
  type: string;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
}
/** One client version's usage (`usage clients`). */
export interface ClientUsage {
  name: string;
  version: string;
  requests: number;
  errors: number;
  operations: { signature: string }[];
  fields: string[];
}
/** The window of a usage query: `since` a duration (`7d`) or ISO timestamp, `until` ISO (default now). */
export interface UsageRange {
  since?: string;
  until?: string;
}
/** A validation or composition error, or a composition hint when listed as a warning. */
export interface SchemaError {
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  subgraph: string | null;
}
/** One published SDL of a subgraph (the SDL itself is not fetched). */
export interface SubgraphVersion {
  id: string;
  subgraph: string;
  url: string;
  hash: string;
  author: string | null;
  commit: string | null;
  createdAt: string;
}
/** A supergraph version without its (large) SDLs, for history and rollback. */
export interface SupergraphVersionSummary {
  version: number;
  hash: string;
  createdAt: string;
  rolledBackFrom: number | null;
  changes: SchemaChange[];
  subgraphs: Pick<SubgraphVersion, 'subgraph' | 'hash'>[];
}
/** A supergraph version with its supergraph SDL, API schema SDL and changelog. */
export interface SupergraphVersion extends SupergraphVersionSummary {
  supergraphSdl: string;
  apiSchemaSdl: string;
  changelog: string;
}
/** A subgraph of a variant and its latest version. */
export interface Subgraph {
  name: string;
  url: string;
  owner: string | null;
  latest: SubgraphVersion | null;
}
/** The outcome of `publishSubgraph` or `deleteSubgraph`. */
export interface PublishResult {
  status: PublishStatus;
  message: string;
  supergraphVersion: { version: number; hash: string; createdAt: string } | null;
  changes: SchemaChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
}
/** The outcome of `checkSubgraph`; `ok` is false on invalid SDL, composition errors or blocking changes. */
export interface CheckResult {
  id: string;
  ok: boolean;
  message: string;
  changes: SchemaChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
  createdAt: string;
}
/** An API token's metadata; its secret is only returned by `createToken`. */
export interface Token {
  id: string;
  name: string;
  scope: TokenScope;
  graph: string | null;
  subgraphs: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** A graph and its variant names. */
export interface GraphSummary {
  name: string;
  variants: string[];
}

/** One audit log entry: who did what to which graph, when, and how it ended. */
export interface AuditEntry {
  id: string;
  createdAt: string;
  action: string;
  outcome: 'SUCCESS' | 'FAILED' | 'REFUSED';
  code: string | null;
  message: string;
  graph: string | null;
  variant: string | null;
  subgraph: string | null;
  tokenId: string | null;
  tokenName: string;
  /** Action-specific facts, as JSON text. */
  details: string;
}

/** Which graph and variant a call is about. */
export interface VariantRef {
  graph: string;
  variant: string;
}

const CHANGE = 'id type criticality coordinate message';
const CHECKED_CHANGE = `${CHANGE} blocking usage { requests percent clients { name version requests } operations { name signature requests } excludedClients }`;
const USAGE_VARIABLES = '$graph: String!, $variant: String!, $since: String, $until: String';
const USAGE_ARGUMENTS = 'graph: $graph, variant: $variant, since: $since, until: $until';
const FIELD_USAGE =
  'coordinate kind deprecated deprecationReason requests operations clients firstSeen lastSeen trend { direction current previous changePercent }';
const ERROR = 'code message line column subgraph';
const PUBLISH_RESULT = `status message supergraphVersion { version hash createdAt } changes { ${CHECKED_CHANGE} } errors { ${ERROR} } warnings { ${ERROR} }`;
const SUBGRAPH_VERSION = 'id subgraph url hash author commit createdAt';
const VERSION_SUMMARY = `version hash createdAt rolledBackFrom changes { ${CHANGE} } subgraphs { subgraph hash }`;
const TOKEN = 'id name scope graph subgraphs createdAt revokedAt';

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

  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
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
    return body.data as T;
  }

  return {
    async publishSubgraph(
      input: VariantRef & {
        subgraph: string;
        url: string;
        sdl: string;
        author?: string;
        commit?: string;
        owner?: string;
        create?: boolean;
        force?: boolean;
      },
    ) {
      const query = `mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { ${PUBLISH_RESULT} } }`;
      return (await call<{ publishSubgraph: PublishResult }>(query, { input })).publishSubgraph;
    },
    async checkSubgraph(
      input: VariantRef & {
        subgraph: string;
        sdl: string;
        url?: string;
        usageWindow?: string;
        excludeClients?: string[];
        strict?: boolean;
        allowNoUsage?: boolean;
      },
    ) {
      const query = `mutation Check($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { id ok message createdAt changes { ${CHECKED_CHANGE} } errors { ${ERROR} } warnings { ${ERROR} } } }`;
      return (await call<{ checkSubgraph: CheckResult }>(query, { input })).checkSubgraph;
    },
    async deleteSubgraph(input: VariantRef & { subgraph: string }) {
      const query = `mutation Delete($graph: String!, $variant: String!, $subgraph: String!) { deleteSubgraph(graph: $graph, variant: $variant, subgraph: $subgraph) { ${PUBLISH_RESULT} } }`;
      return (await call<{ deleteSubgraph: PublishResult }>(query, { ...input })).deleteSubgraph;
    },
    async subgraphs(ref: VariantRef) {
      const query = `query Subgraphs($graph: String!, $variant: String!) { subgraphs(graph: $graph, variant: $variant) { name url owner latest { ${SUBGRAPH_VERSION} } } }`;
      return (await call<{ subgraphs: Subgraph[] }>(query, { ...ref })).subgraphs;
    },
    async supergraphVersion(ref: VariantRef & { version?: number }) {
      const query = `query Version($graph: String!, $variant: String!, $version: Int) { supergraphVersion(graph: $graph, variant: $variant, version: $version) { ${VERSION_SUMMARY} supergraphSdl apiSchemaSdl changelog } }`;
      return (await call<{ supergraphVersion: SupergraphVersion | null }>(query, { ...ref })).supergraphVersion;
    },
    async supergraphVersions(ref: VariantRef & { limit?: number }) {
      const query = `query Versions($graph: String!, $variant: String!, $limit: Int) { supergraphVersions(graph: $graph, variant: $variant, limit: $limit) { ${VERSION_SUMMARY} } }`;
      return (await call<{ supergraphVersions: SupergraphVersionSummary[] }>(query, { ...ref })).supergraphVersions;
    },
    async diff(ref: VariantRef & { from: number; to: number }) {
      const query = `query Diff($graph: String!, $variant: String!, $from: Int!, $to: Int!) { diff(graph: $graph, variant: $variant, from: $from, to: $to) { ${CHANGE} } }`;
      return (await call<{ diff: SchemaChange[] }>(query, { ...ref })).diff;
    },
    async rollbackSupergraph(ref: VariantRef & { toVersion: number }) {
      const query = `mutation Rollback($graph: String!, $variant: String!, $toVersion: Int!) { rollbackSupergraph(graph: $graph, variant: $variant, toVersion: $toVersion) { ${VERSION_SUMMARY} } }`;
      return (await call<{ rollbackSupergraph: SupergraphVersionSummary }>(query, { ...ref })).rollbackSupergraph;
    },
    async auditLog(query: { graph?: string; since?: string; limit?: number }) {
      const gql =
        'query Audit($graph: String, $since: String, $limit: Int) { auditLog(graph: $graph, since: $since, limit: $limit) { id createdAt action outcome code message graph variant subgraph tokenId tokenName details } }';
      return (await call<{ auditLog: AuditEntry[] }>(gql, { ...query })).auditLog;
    },
    async graphs() {
      return (await call<{ graphs: GraphSummary[] }>('query Graphs { graphs { name variants } }', {})).graphs;
    },
    async createGraph(ref: VariantRef) {
      const query =
        'mutation CreateGraph($graph: String!, $variant: String!) { createGraph(graph: $graph, variant: $variant) { name variants } }';
      return (await call<{ createGraph: GraphSummary }>(query, { ...ref })).createGraph;
    },
    async deleteGraph(graph: string) {
      const query =
        'mutation DeleteGraph($graph: String!) { deleteGraph(graph: $graph) { graph { name variants } deletedTokens } }';
      return (await call<{ deleteGraph: { graph: GraphSummary; deletedTokens: number } }>(query, { graph }))
        .deleteGraph;
    },
    async deleteVariant(ref: VariantRef) {
      const query =
        'mutation DeleteVariant($graph: String!, $variant: String!) { deleteVariant(graph: $graph, variant: $variant) { name variants } }';
      return (await call<{ deleteVariant: GraphSummary }>(query, { ...ref })).deleteVariant;
    },
    async createToken(input: { name: string; scope: TokenScope; graph?: string; subgraphs?: string[] }) {
      const query = `mutation CreateToken($input: CreateTokenInput!) { createToken(input: $input) { token info { ${TOKEN} } } }`;
      return (await call<{ createToken: { token: string; info: Token } }>(query, { input })).createToken;
    },
    async revokeToken(id: string) {
      const query = `mutation RevokeToken($id: ID!) { revokeToken(id: $id) { ${TOKEN} } }`;
      return (await call<{ revokeToken: Token }>(query, { id })).revokeToken;
    },
    async tokens() {
      return (await call<{ tokens: Token[] }>(`query Tokens { tokens { ${TOKEN} } }`, {})).tokens;
    },
    async usageFields(ref: VariantRef & UsageRange) {
      const query = `query UsageFields(${USAGE_VARIABLES}) { usageFields(${USAGE_ARGUMENTS}) { ${FIELD_USAGE} } }`;
      return (await call<{ usageFields: FieldUsage[] }>(query, { ...ref })).usageFields;
    },
    async usageUnusedFields(ref: VariantRef & UsageRange) {
      const query = `query UsageUnusedFields(${USAGE_VARIABLES}) { usageUnusedFields(${USAGE_ARGUMENTS}) { ${FIELD_USAGE} } }`;
      return (await call<{ usageUnusedFields: FieldUsage[] }>(query, { ...ref })).usageUnusedFields;
    },
    async usageDeprecatedFields(ref: VariantRef & UsageRange) {
      const query = `query UsageDeprecatedFields(${USAGE_VARIABLES}) { usageDeprecatedFields(${USAGE_ARGUMENTS}) { coordinate deprecationReason requests lastSeen clients { name version requests lastSeen } forecastZeroDate } }`;
      return (await call<{ usageDeprecatedFields: DeprecatedFieldUsage[] }>(query, { ...ref })).usageDeprecatedFields;
    },
    async usageClients(ref: VariantRef & UsageRange) {
      const query = `query UsageClients(${USAGE_VARIABLES}) { usageClients(${USAGE_ARGUMENTS}) { name version requests errors operations { signature } fields } }`;
      return (await call<{ usageClients: ClientUsage[] }>(query, { ...ref })).usageClients;
    },
    async usageOperations(ref: VariantRef & UsageRange) {
      const query = `query UsageOperations(${USAGE_VARIABLES}) { usageOperations(${USAGE_ARGUMENTS}) { signature name type requests errors p50Ms p95Ms firstSeen lastSeen } }`;
      return (await call<{ usageOperations: OperationUsage[] }>(query, { ...ref })).usageOperations;
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

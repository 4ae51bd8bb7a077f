import { graphql, type ResultOf } from './graphql';

// Every operation the CLI sends to the registry's GraphQL API, typed by gql.tada from the API's checked-in schema
// (`graphql-env.d.ts`): result and variables types follow from the documents, never written by hand.

/** One API schema change, as the registry reports it. */
const ChangeFields = graphql(`
  fragment ChangeFields on SchemaChange @_unmask { id type criticality coordinate message }
`);
/** A change in a check: whether it fails the check and who used what it affects in the usage window. */
const CheckedChangeFields = graphql(
  `
  fragment CheckedChangeFields on SchemaChange @_unmask {
    ...ChangeFields
    blocking
    usage {
      requests
      percent
      clients { name version requests }
      operations { name signature requests }
      excludedClients
      documents { client clientVersion id name }
    }
  }
`,
  [ChangeFields],
);
/** An operation a check found costlier than the threshold, or over the gateway's cost limit. */
const CostChangeFields = graphql(`
  fragment CostChangeFields on OperationCostChange @_unmask {
    criticality source id operation clients before after increasePercent limit message
  }
`);
const SchemaErrorFields = graphql(`
  fragment SchemaErrorFields on SchemaError @_unmask { code message line column subgraph }
`);
const PublishResultFields = graphql(
  `
  fragment PublishResultFields on PublishResult @_unmask {
    status
    message
    supergraphVersion { version hash createdAt }
    changes { ...CheckedChangeFields }
    errors { ...SchemaErrorFields }
    warnings { ...SchemaErrorFields }
  }
`,
  [CheckedChangeFields, SchemaErrorFields],
);
const SubgraphVersionFields = graphql(`
  fragment SubgraphVersionFields on SubgraphVersion @_unmask { id subgraph url hash author commit createdAt }
`);
const VersionSummaryFields = graphql(
  `
  fragment VersionSummaryFields on SupergraphVersion @_unmask {
    version
    hash
    createdAt
    rolledBackFrom
    changes { ...ChangeFields }
    subgraphs { subgraph hash }
    published { subgraph author commit }
  }
`,
  [ChangeFields],
);
const TokenFields = graphql(`
  fragment TokenFields on Token @_unmask { id name scope graph subgraphs createdAt revokedAt }
`);
const FieldUsageFields = graphql(`
  fragment FieldUsageFields on FieldUsage @_unmask {
    coordinate kind deprecated deprecationReason requests operations clients firstSeen lastSeen
    trend { direction current previous changePercent }
  }
`);

export const PublishMutation = graphql(
  `
  mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { ...PublishResultFields } }
`,
  [PublishResultFields],
);
export const CheckMutation = graphql(
  `
  mutation Check($input: CheckSubgraphInput!) {
    checkSubgraph(input: $input) {
      id ok message createdAt
      changes { ...CheckedChangeFields }
      costChanges { ...CostChangeFields }
      errors { ...SchemaErrorFields }
      warnings { ...SchemaErrorFields }
      contracts { variant ok changes { ...ChangeFields } errors { ...SchemaErrorFields } }
    }
  }
`,
  [CheckedChangeFields, ChangeFields, CostChangeFields, SchemaErrorFields],
);
export const ChecksQuery = graphql(
  `
  query Checks($graph: String!, $variant: String!, $subgraph: String, $limit: Int) {
    checks(graph: $graph, variant: $variant, subgraph: $subgraph, limit: $limit) {
      id subgraph ok message createdAt
      changes { ...CheckedChangeFields }
      costChanges { ...CostChangeFields }
      errors { ...SchemaErrorFields }
    }
  }
`,
  [CheckedChangeFields, CostChangeFields, SchemaErrorFields],
);
export const DeleteSubgraphMutation = graphql(
  `
  mutation Delete($graph: String!, $variant: String!, $subgraph: String!) {
    deleteSubgraph(graph: $graph, variant: $variant, subgraph: $subgraph) { ...PublishResultFields }
  }
`,
  [PublishResultFields],
);
export const SubgraphsQuery = graphql(
  `
  query Subgraphs($graph: String!, $variant: String!) {
    subgraphs(graph: $graph, variant: $variant) { name url owner latest { ...SubgraphVersionFields } }
  }
`,
  [SubgraphVersionFields],
);
export const VersionQuery = graphql(
  `
  query Version($graph: String!, $variant: String!, $version: Int) {
    supergraphVersion(graph: $graph, variant: $variant, version: $version) {
      ...VersionSummaryFields
      supergraphSdl
      apiSchemaSdl
      changelog
    }
  }
`,
  [VersionSummaryFields],
);
export const VersionsQuery = graphql(
  `
  query Versions($graph: String!, $variant: String!, $limit: Int) {
    supergraphVersions(graph: $graph, variant: $variant, limit: $limit) { ...VersionSummaryFields }
  }
`,
  [VersionSummaryFields],
);
export const DiffQuery = graphql(
  `
  query Diff($graph: String!, $variant: String!, $from: Int!, $to: Int!) {
    diff(graph: $graph, variant: $variant, from: $from, to: $to) { ...ChangeFields }
  }
`,
  [ChangeFields],
);
export const RollbackMutation = graphql(
  `
  mutation Rollback($graph: String!, $variant: String!, $toVersion: Int!) {
    rollbackSupergraph(graph: $graph, variant: $variant, toVersion: $toVersion) { ...VersionSummaryFields }
  }
`,
  [VersionSummaryFields],
);
export const AuditQuery = graphql(`
  query Audit($graph: String, $since: String, $limit: Int) {
    auditLog(graph: $graph, since: $since, limit: $limit) {
      id createdAt action outcome code message graph variant subgraph tokenId tokenName details
    }
  }
`);
export const GraphsQuery = graphql('query Graphs { graphs { name variants } }');
export const CreateGraphMutation = graphql(`
  mutation CreateGraph($graph: String!, $variant: String!) { createGraph(graph: $graph, variant: $variant) { name variants } }
`);
export const DeleteGraphMutation = graphql(`
  mutation DeleteGraph($graph: String!) { deleteGraph(graph: $graph) { graph { name variants } deletedTokens } }
`);
export const DeleteVariantMutation = graphql(`
  mutation DeleteVariant($graph: String!, $variant: String!) {
    deleteVariant(graph: $graph, variant: $variant) { name variants }
  }
`);
export const CreateTokenMutation = graphql(
  `
  mutation CreateToken($input: CreateTokenInput!) { createToken(input: $input) { token info { ...TokenFields } } }
`,
  [TokenFields],
);
export const RevokeTokenMutation = graphql(
  'mutation RevokeToken($id: ID!) { revokeToken(id: $id) { ...TokenFields } }',
  [TokenFields],
);
export const TokensQuery = graphql('query Tokens { tokens { ...TokenFields } }', [TokenFields]);
export const UsageFieldsQuery = graphql(
  `
  query UsageFields($graph: String!, $variant: String!, $since: String, $until: String) {
    usageFields(graph: $graph, variant: $variant, since: $since, until: $until) { ...FieldUsageFields }
  }
`,
  [FieldUsageFields],
);
export const UsageUnusedFieldsQuery = graphql(
  `
  query UsageUnusedFields($graph: String!, $variant: String!, $since: String, $until: String) {
    usageUnusedFields(graph: $graph, variant: $variant, since: $since, until: $until) { ...FieldUsageFields }
  }
`,
  [FieldUsageFields],
);
export const UsageDeprecatedFieldsQuery = graphql(`
  query UsageDeprecatedFields($graph: String!, $variant: String!, $since: String, $until: String) {
    usageDeprecatedFields(graph: $graph, variant: $variant, since: $since, until: $until) {
      coordinate deprecationReason requests lastSeen forecastZeroDate forecastStatus
      clients { name version requests lastSeen }
    }
  }
`);
export const UsageClientsQuery = graphql(`
  query UsageClients($graph: String!, $variant: String!, $since: String, $until: String) {
    usageClients(graph: $graph, variant: $variant, since: $since, until: $until) {
      name version requests errors operations { signature } fields
    }
  }
`);
export const UsageOperationsQuery = graphql(`
  query UsageOperations($graph: String!, $variant: String!, $since: String, $until: String) {
    usageOperations(graph: $graph, variant: $variant, since: $since, until: $until) {
      signature name type requests errors p50Ms p95Ms p99Ms firstSeen lastSeen document latencyHistogram
      clients { name version requests errors }
      errorsByCode { code count }
      unknownDocuments
    }
    usageLatencyBucketsMs
  }
`);
export const UsageSubgraphFetchesQuery = graphql(`
  query UsageSubgraphFetches($graph: String!, $variant: String!, $since: String, $until: String) {
    usageSubgraphFetches(graph: $graph, variant: $variant, since: $since, until: $until) {
      subgraph fetches errors p50Ms p95Ms p99Ms
      clients { client fetches errors p50Ms p95Ms p99Ms }
      daily { day fetches }
      forecast { status nextWeek slopePerDay backtestError days method }
    }
    usageLatencyBucketsMs
  }
`);
const SlaTargetFields = graphql(`
  fragment SlaTargetFields on SlaTarget @_unmask {
    client operation latencyPercentile latencyMs errorRate updatedAt updatedBy
  }
`);
export const SetSlaTargetMutation = graphql(
  `
  mutation SetSlaTarget($input: SetSlaTargetInput!) { setSlaTarget(input: $input) { ...SlaTargetFields } }
`,
  [SlaTargetFields],
);
export const DeleteSlaTargetMutation = graphql(`
  mutation DeleteSlaTarget($graph: String!, $variant: String!, $client: String, $operation: String) {
    deleteSlaTarget(graph: $graph, variant: $variant, client: $client, operation: $operation)
  }
`);
export const SlaTargetsQuery = graphql(
  `
  query SlaTargets($graph: String!, $variant: String!) { slaTargets(graph: $graph, variant: $variant) { ...SlaTargetFields } }
`,
  [SlaTargetFields],
);
export const UsageSlaQuery = graphql(
  `
  query UsageSla($graph: String!, $variant: String!, $since: String, $until: String) {
    usageSla(graph: $graph, variant: $variant, since: $since, until: $until) {
      target { ...SlaTargetFields }
      requests hoursJudged breached
      breaches { metric threshold hoursInBreach worst periods { start hours requests measured } }
    }
  }
`,
  [SlaTargetFields],
);

/** A service-level target as `sla list` shows it. */
export type SlaTarget = ResultOf<typeof SlaTargetFields>;

/** One API schema change; in checks also whether it blocks and who used what it affects. */
export type SchemaChange = ResultOf<typeof ChangeFields> &
  Partial<Pick<ResultOf<typeof CheckedChangeFields>, 'blocking' | 'usage'>>;
/** Who used what a breaking change affects, in a check's usage window. */
export type ChangeUsage = NonNullable<ResultOf<typeof CheckedChangeFields>['usage']>;
/** An operation a check priced costlier than the threshold (DANGEROUS) or over the cost limit (BREAKING). */
export type CostChange = ResultOf<typeof CostChangeFields>;
/** A validation or composition error, or a composition hint when listed as a warning. */
export type SchemaError = ResultOf<typeof SchemaErrorFields>;
/** The outcome of `publishSubgraph` or `deleteSubgraph`. */
export type PublishResult = ResultOf<typeof PublishResultFields>;
/** Usage of one schema element (`usage fields`, `usage unused`). */
export type FieldUsage = ResultOf<typeof FieldUsageFields>;
/** An API token's metadata; its secret is only returned by `createToken`. */
export type Token = ResultOf<typeof TokenFields>;
/** What a token may do. */
export type TokenScope = Token['scope'];

export const PublishDocumentsMutation = graphql(`
  mutation PublishDocuments($input: PublishDocumentsInput!) {
    publishDocuments(input: $input) {
      ok
      message
      client
      clientVersion
      documents
      replaced
      invalid { id name messages }
    }
  }
`);
export const DocumentManifestsQuery = graphql(`
  query DocumentManifests($graph: String!, $variant: String!, $client: String, $clientVersion: String) {
    documentManifests(graph: $graph, variant: $variant, client: $client, clientVersion: $clientVersion) {
      client
      clientVersion
      documentCount
      publishedAt
    }
  }
`);
export const DocumentManifestDocumentsQuery = graphql(`
  query DocumentManifestDocuments($graph: String!, $variant: String!, $client: String!, $clientVersion: String!) {
    documentManifests(graph: $graph, variant: $variant, client: $client, clientVersion: $clientVersion) {
      client
      clientVersion
      documents { id operationName operationType }
    }
  }
`);
export const DeleteDocumentsMutation = graphql(`
  mutation DeleteDocuments($graph: String!, $variant: String!, $client: String!, $clientVersion: String) {
    deleteDocuments(graph: $graph, variant: $variant, client: $client, clientVersion: $clientVersion) {
      client
      clientVersion
      documentCount
    }
  }
`);

import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './index';

/** The registry API as agreed with the CLI, gateway and web page helpers; the served schema may add to it, never break it. */
const contract = buildSchema(/* GraphQL */ `
  scalar Count
  enum Criticality { BREAKING DANGEROUS SAFE }
  enum PublishStatus { PUBLISHED UNCHANGED INVALID_SDL COMPOSITION_FAILED BLOCKED_BY_USAGE }
  enum TokenScope { ADMIN PUBLISH READ REPORT }
  type SchemaChange { id: ID! type: String! criticality: Criticality! coordinate: String! message: String!
    blocking: Boolean! usage: ChangeUsage }
  type ChangeUsage { requests: Count! percent: Float clients: [ClientVersionUsage!]! operations: [ChangeOperationUsage!]! excludedClients: [String!]! }
  type ChangeOperationUsage { name: String signature: String! requests: Count! }
  type SchemaError { code: String! message: String! line: Int column: Int subgraph: String }
  type SubgraphVersion { id: ID! subgraph: String! url: String! sdl: String! hash: String! author: String commit: String createdAt: String! }
  type SupergraphVersion { version: Int! hash: String! createdAt: String! supergraphSdl: String! apiSchemaSdl: String!
    changes: [SchemaChange!]! changelog: String! subgraphs: [SubgraphVersion!]! rolledBackFrom: Int }
  type Subgraph { name: String! url: String! owner: String latest: SubgraphVersion }
  type PublishResult { status: PublishStatus! message: String! supergraphVersion: SupergraphVersion
    changes: [SchemaChange!]! errors: [SchemaError!]! warnings: [SchemaError!]! }
  type CheckResult { id: ID! ok: Boolean! message: String! changes: [SchemaChange!]! errors: [SchemaError!]! warnings: [SchemaError!]! createdAt: String! }
  type Token { id: ID! name: String! scope: TokenScope! graph: String subgraphs: [String!]! createdAt: String! revokedAt: String }
  type CreatedToken { token: String! info: Token! }
  input PublishSubgraphInput { graph: String! variant: String! subgraph: String! url: String! sdl: String! author: String commit: String owner: String create: Boolean force: Boolean }
  input CheckSubgraphInput { graph: String! variant: String! subgraph: String! sdl: String! url: String
    usageWindow: String excludeClients: [String!] strict: Boolean allowNoUsage: Boolean }
  input CreateTokenInput { name: String! scope: TokenScope! graph: String subgraphs: [String!] }
  type Query {
    subgraphs(graph: String!, variant: String!): [Subgraph!]!
    supergraphVersions(graph: String!, variant: String!, limit: Int = 20): [SupergraphVersion!]!
    supergraphVersion(graph: String!, variant: String!, version: Int): SupergraphVersion
    diff(graph: String!, variant: String!, from: Int!, to: Int!): [SchemaChange!]!
    tokens: [Token!]!
    graphs: [GraphSummary!]!
    usageFields(graph: String!, variant: String!, since: String = "7d", until: String): [FieldUsage!]!
    usageUnusedFields(graph: String!, variant: String!, since: String = "7d", until: String): [FieldUsage!]!
    usageDeprecatedFields(graph: String!, variant: String!, since: String = "7d", until: String): [DeprecatedFieldUsage!]!
    usageClients(graph: String!, variant: String!, since: String = "7d", until: String): [ClientUsage!]!
    usageOperations(graph: String!, variant: String!, since: String = "7d", until: String): [OperationUsage!]!
    usageSubgraphs(graph: String!, variant: String!, since: String = "7d", until: String): [SubgraphVolume!]!
    usageSeries(graph: String!, variant: String!, since: String = "7d", until: String, coordinate: String, client: String): [UsagePoint!]!
  }
  type GraphSummary { name: String! variants: [String!]! }
  type UsageTrend { direction: String! current: Count! previous: Count! changePercent: Float }
  type FieldUsage { coordinate: String! kind: String! deprecated: Boolean! deprecationReason: String
    requests: Count! operations: Int! clients: Int! firstSeen: String lastSeen: String trend: UsageTrend! }
  type ClientVersionUsage { name: String! version: String! requests: Count! lastSeen: String }
  type DeprecatedFieldUsage { coordinate: String! deprecationReason: String requests: Count! lastSeen: String
    clients: [ClientVersionUsage!]! forecastZeroDate: String }
  type OperationUsage { signature: String! name: String type: String! requests: Count! errors: Count!
    p50Ms: Float p95Ms: Float firstSeen: String lastSeen: String document: String }
  type ClientUsage { name: String! version: String! requests: Count! errors: Count! operations: [OperationUsage!]! fields: [String!]! }
  type SubgraphClientVolume { client: String! version: String! requests: Count! }
  type SubgraphVolume { subgraph: String! requests: Count! clients: [SubgraphClientVolume!]! }
  type UsagePoint { time: String! requests: Count! errors: Count! }
  type Mutation {
    publishSubgraph(input: PublishSubgraphInput!): PublishResult!
    checkSubgraph(input: CheckSubgraphInput!): CheckResult!
    deleteSubgraph(graph: String!, variant: String!, subgraph: String!): PublishResult!
    rollbackSupergraph(graph: String!, variant: String!, toVersion: Int!): SupergraphVersion!
    createToken(input: CreateTokenInput!): CreatedToken!
    revokeToken(id: ID!): Token!
    createGraph(graph: String!, variant: String!): GraphSummary!
    deleteGraph(graph: String!): GraphDeletion!
    deleteVariant(graph: String!, variant: String!): GraphSummary!
  }
  type GraphDeletion { graph: GraphSummary! deletedTokens: Int! }
`);

describe('registry API schema', () => {
  it('serves the agreed contract without breaking any part of it', () => {
    expect(findBreakingChanges(contract, schema)).toEqual([]);
    expect(findDangerousChanges(contract, schema)).toEqual([]);
  });
});

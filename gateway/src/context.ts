import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { SubgraphFetchTallies } from './subgraphs/subgraphFetchTally';

/** The authenticated caller, from an API key or a verified JWT. */
export interface Identity {
  /** How the caller proved itself. */
  kind: 'apiKey' | 'jwt';
  /** User or service id: the JWT `sub`, or the API key's configured subject. */
  subject: string;
  /** Granted scopes (JWT `scope`/`scp` claim, or the API key's configured scopes). */
  scopes: string[];
  /** Claims forwarded to subgraphs (see `auth.forwardClaims`). */
  claims: Record<string, unknown>;
  /** Client name bound to an API key, used for budgets and usage. */
  clientName?: string;
}

/** Who is calling, for budgets and usage reports. */
export interface ClientInfo {
  /**
   * Whose budget pays: `client:<name>` of an API key, `subject:<sub>` of a token, else `address:<ip>` (an IPv6
   * caller's /64). Never from a header the caller writes; never shown to callers.
   */
  id: string;
  name: string;
  version: string;
}

/** Cost of the current operation, filled by the cost plugin and shown in `extensions.cost`. */
export interface OperationCost {
  requested: number;
  limit: number;
  actual?: number;
  budget?: { remaining: number; capacity: number; refillPerSecond: number };
  /** Cost of the introspection fields, priced and limited apart from `requested` (never charged to a budget). */
  introspection?: { requested: number; limit: number };
  /** Present in `COST_MODE=measure`, where nothing is refused for its cost. */
  mode?: 'measure';
}

/**
 * The operation exactly as the client sent it, captured once before any policy rewrites the document (the
 * authorization filter does). Usage and metrics read this, so callers with different rights share one signature.
 */
export interface ClientOperation {
  readonly document: DocumentNode;
  readonly queryHash: string;
  readonly operationName: string | null;
  readonly type: 'query' | 'mutation' | 'subscription';
}

/** Per-request context shared by every gateway plugin and the subgraph data sources. */
export interface GatewayContext {
  requestId: string;
  logger: Logger;
  identity: Identity | null;
  client: ClientInfo;
  /** Incoming W3C `traceparent`, or the one the gateway started. */
  traceparent?: string;
  /** Incoming client headers (lower-cased), from which the configured ones are forwarded to subgraphs. */
  headers: Record<string, string>;
  cost?: OperationCost;
  /** The persisted document the request names by `documentId` (GraphQL-over-HTTP), if any. */
  documentId?: string;
  /** Set by the request pipeline's first step as soon as the operation is resolved; never replaced. */
  sent?: ClientOperation;
  /** Entity keys and `@requires` fields the query plan reads to join subgraphs (see `planCoordinates`). */
  planCoordinates?: readonly string[];
  /** The fetches the executed query plan sent, per subgraph (set by the subgraph data sources). */
  subgraphFetches?: SubgraphFetchTallies;
}

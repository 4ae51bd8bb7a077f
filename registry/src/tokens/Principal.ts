import type { TokenScope } from './TokenScope';

/** The caller a request was authenticated as: one token's grants. */
export interface Principal {
  tokenId: string;
  name: string;
  scope: TokenScope;
  /** The graph a non-admin token is bound to. */
  graph: string | null;
  /** Subgraphs a PUBLISH token may publish; empty means every subgraph of its graph. */
  subgraphs: readonly string[];
}
